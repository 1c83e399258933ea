"""Loading config context schemas, config contexts (explicit, implicit, local data) and export templates
from a real Git repository, re-syncing after changes, per-file failures and removal on delete."""

from pathlib import Path

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.gitrepos import SourceRepository
from nautobot.extras.datasources import services
from nautobot.extras.datasources.records import SyncRecord
from nautobot.extras.models import ConfigContext, ConfigContextSchema, ExportTemplate, GitRepository, ObjectChange

pytestmark = pytest.mark.django_db
ALL = ["extras.configcontextschema", "extras.configcontext", "extras.exporttemplate"]

SCHEMA = """\
_metadata:
  name: NTP schema
  description: NTP servers
data_schema:
  type: object
  properties:
    ntp: {type: array, items: {type: string}}
"""


@pytest.fixture(autouse=True)
def git_root(settings, tmp_path) -> Path:
    settings.GIT_ROOT = str(tmp_path / "git-root")
    return Path(settings.GIT_ROOT)


@pytest.fixture
def source(tmp_path) -> SourceRepository:
    return SourceRepository(tmp_path / "source")


def _sync(repo) -> tuple[str, list]:
    repo.refresh_from_db()
    record = SyncRecord(repo)
    return services.sync_repository(repo, record), record.lines


def test_sync_loads_every_kind_and_reports_a_bad_file(source):
    site, tag = b.site(), b.tag()
    device = b.device(site=site)
    source.commit(
        {
            "config_context_schemas/ntp.yaml": SCHEMA,
            "config_contexts/ntp.yaml": (
                f"_metadata:\n  name: NTP\n  weight: 150\n  schema: NTP schema\n  sites: [{{slug: {site.slug}}}]\n  tags: [{tag.slug}]\n"
                "ntp: [192.0.2.1]\n"
            ),
            "config_contexts/many.json": '[{"_metadata": {"name": "one"}, "a": 1}, {"_metadata": {"name": "two", "is_active": false}, "b": 2}]',
            f"config_contexts/sites/{site.slug}.yaml": "syslog: 192.0.2.9\n",
            "config_contexts/broken.yaml": "_metadata: {name: broken\nx: [",
            f"config_contexts/devices/{device.name}.yaml": "_metadata: {schema: NTP schema}\nntp: [192.0.2.5]\n",
            "export_templates/dcim/site/sites.csv": "{% for s in queryset %}{{ s.name }}\n{% endfor %}",
            "export_templates/dcim/nosuchmodel/x.txt": "x",
        }
    )
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url, provided_contents=ALL)
    status, lines = _sync(repo)
    assert status == "failed"
    failures = [m for level, m in lines if level == "failure"]
    assert len(failures) == 2, lines
    assert failures[0].startswith("config_contexts/broken.yaml: not valid YAML/JSON (line")
    assert failures[1] == "export_templates/dcim/nosuchmodel/x.txt: there is no model dcim.nosuchmodel"

    schema = ConfigContextSchema.objects.get(name="NTP schema")
    assert schema.owner == repo and schema.description == "NTP servers"
    ntp = ConfigContext.objects.get(name="NTP")
    assert ntp.owner == repo and ntp.weight == 150 and ntp.schema == schema and ntp.data == {"ntp": ["192.0.2.1"]}
    assert list(ntp.sites.all()) == [site] and list(ntp.tags.all()) == [tag]
    assert ConfigContext.objects.get(name="two").is_active is False and ConfigContext.objects.get(name="one").data == {
        "a": 1
    }
    implicit = ConfigContext.objects.get(name=f"sites/{site.slug}")
    assert list(implicit.sites.all()) == [site] and implicit.data == {"syslog": "192.0.2.9"}
    device.refresh_from_db()
    assert device.local_context_data == {"ntp": ["192.0.2.5"]} and device.local_context_schema == schema
    assert device.local_context_data_owner == repo
    template = ExportTemplate.objects.get(name="sites.csv")
    assert template.owner == repo and template.mime_type == "text/csv" and template.file_extension == "csv"
    # Writes are change-logged as done by a job of the repository.
    change = ObjectChange.objects.get(changed_object_id=ntp.pk)
    assert change.change_context == "job" and change.change_context_detail == "git repository Data"


def test_resync_updates_and_removes_what_vanished(source):
    site = b.site()
    device = b.device(site=site)
    source.commit(
        {
            "config_context_schemas/ntp.yaml": SCHEMA,
            "config_contexts/a.yaml": "_metadata: {name: A}\nv: 1\n",
            "config_contexts/b.yaml": "_metadata: {name: B}\nv: 1\n",
            f"config_contexts/devices/{device.name}.yaml": "v: 1\n",
            "export_templates/dcim/site/one.txt": "one",
            "export_templates/dcim/site/two.txt": "two",
        }
    )
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url, provided_contents=ALL)
    assert _sync(repo)[0] == "completed"
    a_pk = ConfigContext.objects.get(name="A").pk

    source.commit(
        {
            "config_contexts/a.yaml": "_metadata: {name: A, weight: 10}\nv: 2\n",
            "config_contexts/b.yaml": None,
            f"config_contexts/devices/{device.name}.yaml": None,
            "export_templates/dcim/site/two.txt": None,
            "config_context_schemas/ntp.yaml": None,
        }
    )
    status, lines = _sync(repo)
    assert status == "completed", lines
    a = ConfigContext.objects.get(name="A")
    assert a.pk == a_pk and a.data == {"v": 2} and a.weight == 10
    assert not ConfigContext.objects.filter(name="B").exists()
    assert list(ExportTemplate.objects.values_list("name", flat=True)) == ["one.txt"]
    assert not ConfigContextSchema.objects.exists()
    device.refresh_from_db()
    assert device.local_context_data is None and device.local_context_data_owner is None


def test_a_broken_file_does_not_remove_anything(source):
    source.commit(
        {
            "config_contexts/a.yaml": "_metadata: {name: A}\nv: 1\n",
            "config_contexts/b.yaml": "_metadata: {name: B}\nv: 1\n",
        }
    )
    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url=source.url, provided_contents=["extras.configcontext"]
    )
    _sync(repo)
    source.commit({"config_contexts/a.yaml": "{{{", "config_contexts/b.yaml": None})
    status, lines = _sync(repo)
    assert status == "failed"
    assert set(ConfigContext.objects.values_list("name", flat=True)) == {"A", "B"}
    assert any(level == "warning" and "Not removing" in m for level, m in lines)


def test_local_data_set_by_a_user_is_not_overwritten(source):
    device = b.device(local_context_data={"mine": True})
    source.commit({f"config_contexts/devices/{device.name}.yaml": "v: 1\n"})
    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url=source.url, provided_contents=["extras.configcontext"]
    )
    status, lines = _sync(repo)
    assert status == "failed" and any("already has local context data" in m for _, m in lines)
    device.refresh_from_db()
    assert device.local_context_data == {"mine": True}


def test_unselected_content_and_deleted_repositories_leave_nothing_behind(source, git_root):
    source.commit(
        {"config_contexts/a.yaml": "_metadata: {name: A}\nv: 1\n", "export_templates/dcim/site/one.txt": "one"}
    )
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url, provided_contents=ALL)
    _sync(repo)
    assert ConfigContext.objects.count() == 1 and ExportTemplate.objects.count() == 1
    GitRepository.objects.filter(pk=repo.pk).update(provided_contents=["extras.configcontext"])
    _sync(repo)
    assert ConfigContext.objects.count() == 1 and ExportTemplate.objects.count() == 0

    snapshot = {"pk": str(repo.pk), "name": repo.name, "slug": repo.slug, "provided_contents": repo.provided_contents}
    repo.delete()
    stand_in = services.removed_repository(snapshot)
    assert services.remove_contents(snapshot, SyncRecord(stand_in)) == "completed"
    assert ConfigContext.objects.count() == 0 and not (git_root / "data").exists()


JOB = """\
from nautobot.extras.jobs import Job


class Hello(Job):
    class Meta:
        has_sensitive_variables = False

    def run(self, data, commit):
        self.log_success(message="hello from {where}")
        return "{where}"
"""


@pytest.mark.django_db(transaction=True)
def test_jobs_of_two_repositories_with_the_same_module_both_run(tmp_path, settings):
    from nautobot.extras.jobs import runner
    from nautobot.extras.models import Job

    settings.JOBS_ROOT = str(tmp_path / "no-local-jobs")
    first, second = SourceRepository(tmp_path / "one"), SourceRepository(tmp_path / "two")
    first.commit(
        {
            "jobs/__init__.py": "",
            "jobs/devices.py": JOB.format(where="one"),
            "jobs/broken.py": "import no_such_module\n",
        }
    )
    second.commit({"jobs/__init__.py": "", "jobs/devices.py": JOB.format(where="two")})
    one = GitRepository.objects.create(name="One", slug="one", remote_url=first.url, provided_contents=["extras.job"])
    two = GitRepository.objects.create(name="Two", slug="two", remote_url=second.url, provided_contents=["extras.job"])
    status, lines = _sync(one)
    assert status == "failed" and any(
        m.startswith("jobs/broken: cannot be imported: ModuleNotFoundError") for _, m in lines
    ), lines
    assert _sync(two)[0] == "completed"

    jobs = {job.class_path: job for job in Job.objects.filter(source="git")}
    assert set(jobs) == {"git.one/devices/Hello", "git.two/devices/Hello"}
    assert all(job.installed and not job.enabled for job in jobs.values())
    Job.objects.filter(source="git").update(enabled=True)
    for path, expected in (("git.one/devices/Hello", "one"), ("git.two/devices/Hello", "two")):
        result = runner.enqueue_job(Job.objects.get(pk=jobs[path].pk), user=None, data={}, commit=True, send=False)
        assert runner.execute(result.pk, {}, True) == "completed"
        result.refresh_from_db()
        assert result.data["output"] == expected

    # The module goes from the repository: its job is marked not installed (kept, with its results).
    first.commit({"jobs/devices.py": None, "jobs/broken.py": None})
    assert _sync(one)[0] == "completed"
    assert Job.objects.get(pk=jobs["git.one/devices/Hello"].pk).installed is False
    assert Job.objects.get(pk=jobs["git.two/devices/Hello"].pk).installed is True
    # Jobs no longer provided by a repository are uninstalled too.
    GitRepository.objects.filter(pk=two.pk).update(provided_contents=[])
    _sync(two)
    assert Job.objects.get(pk=jobs["git.two/devices/Hello"].pk).installed is False


def test_the_1x_ensure_git_repository_and_datasource_contents(source, git_root):
    """`ensure_git_repository` (1.x, from `nautobot.extras.datasources` or `.git`), as apps call it: the repository
    is synced (its head moves, its contents load) and its files are at `filesystem_path`; with `head`, that commit's
    files are made present on this host; `get_datasource_contents` lists the registered kinds by weight."""
    import logging

    from nautobot.extras.datasources import ensure_git_repository
    from nautobot.extras.datasources.git import GitError, ensure_git_repository as from_git
    from nautobot.extras.datasources.registry import get_datasource_contents

    assert from_git is ensure_git_repository
    first = source.commit({"config_contexts/a.yaml": "_metadata: {name: A}\nv: 1\n"})
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url, provided_contents=ALL)
    assert ensure_git_repository(repo, logger=logging.getLogger("test")) is True
    assert repo.current_head == first and ConfigContext.objects.get(name="A").data == {"v": 1}
    assert (repo.filesystem_path / "config_contexts" / "a.yaml").is_file()
    assert ensure_git_repository(repo) is False  # nothing new on the branch

    second = source.commit({"config_contexts/a.yaml": "_metadata: {name: A}\nv: 2\n"})
    assert ensure_git_repository(repo, head=first) is False  # that commit's files, the recorded head unchanged
    assert repo.current_head == first and (git_root / "data" / first).is_dir()
    assert ensure_git_repository(repo) is True
    assert repo.current_head == second and ConfigContext.objects.get(name="A").data == {"v": 2}

    repo.remote_url = f"{source.url}-missing"
    with pytest.raises(GitError):
        ensure_git_repository(repo)

    kinds = get_datasource_contents("extras.gitrepository")
    assert [k.weight for k in kinds] == sorted(k.weight for k in kinds)
    assert {"extras.configcontext", "extras.exporttemplate"} <= {k.name for k in kinds}
    assert get_datasource_contents("dcim.site") == []
