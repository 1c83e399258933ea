"""Dynamic groups: a group of objects of one content type defined by a filter (the parameters of that model's
filterset, as a list page's query takes them) or by child groups combined with union, intersection and difference
(1.x's `DynamicGroup` and `DynamicGroupMembership`).

Membership is never stored: `DynamicGroup.members` is one queryset (subqueries of the filtersets), and the groups an
object belongs to are found with one query per group of its content type (`DynamicGroup.objects.get_for_object`).
With `DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT` the member ids are also kept in Django's cache (`caching`).
"""
