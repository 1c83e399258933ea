"""`nautobot.core.graphql.execute_query` (1.x): a GraphQL query run from Python as a user, object permissions
applied, errors in the result (graphql-core 2's `to_dict()` shape, which 1.x callers read)."""

import pytest

from nautobot.core.graphql import execute_query, execute_saved_query
from nautobot.dcim.tests import builders as b

pytestmark = pytest.mark.django_db


def test_execute_query_as_a_user(admin_user, django_user_model):
    site = b.site()
    result = execute_query("query ($n: [String]) { sites(name: $n) { name } }", {"n": [site.name]}, user=admin_user)
    assert result.errors is None and result.to_dict() == {"data": {"sites": [{"name": site.name}]}}
    nobody = django_user_model.objects.create_user("gql-nobody")
    assert execute_query("{ sites { name } }", user=nobody).data == {"sites": []}


def test_execute_query_errors_are_in_the_result(admin_user):
    result = execute_query("{ sites { no_such_field } }", user=admin_user)
    assert result.invalid and result.data is None and "no_such_field" in result.to_dict()["errors"][0]["message"]
    assert execute_query("{ sites {", user=admin_user).invalid
    with pytest.raises(ValueError):
        execute_query("{ sites { name } }")


def test_execute_saved_query_needs_a_saved_query(admin_user):
    with pytest.raises(LookupError):
        execute_saved_query("no-such-query", user=admin_user)


def test_a_graphene_django_type_an_app_declares_may_have_tags():
    """1.x apps declare plain `DjangoObjectType`s of their models; a model with `tags` needs the converter 1.x
    registered (a list of tags), or importing the app's module raises "Don't know how to convert ... tags"."""
    import graphene
    from graphene_django import DjangoObjectType
    from graphene_django.registry import Registry

    from nautobot.core.graphql.schema import schema  # our types, the Tag type among them
    from nautobot.dcim.models import Site

    class AppSiteType(DjangoObjectType):
        class Meta:
            model = Site
            fields = ("id", "name", "tags")
            registry = Registry()  # not the global one, which would replace our Site type

    tags = AppSiteType._meta.fields["tags"]
    assert isinstance(tags, graphene.Dynamic)
    assert tags.get_type().of_type is schema.graphql_schema.get_type("TagType").graphene_type
