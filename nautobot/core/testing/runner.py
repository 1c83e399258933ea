"""`nautobot-server test`'s runner (`TEST_RUNNER`): Django's, with tests tagged `integration` left out unless
asked for (`--tag integration`), as 1.x runs an app's suite.

Everything else is Django's test runner with the installation's settings: the test database is made on the
configured engine (`test_<NAME>`, migrated, so the default statuses exist), `--keepdb` keeps it between runs,
`--parallel N` clones it per process, labels are apps, packages, modules or test classes.
"""

from django.test.runner import DiscoverRunner


class NautobotTestRunner(DiscoverRunner):
    """Django's test runner, leaving out tests tagged `integration` (they need a browser and a live server)
    unless a `--tag` asks for them."""

    exclude_tags_by_default = ("integration",)

    def __init__(self, *args, tags=None, exclude_tags=None, **kwargs):
        tags = list(tags or [])
        exclude_tags = list(exclude_tags or [])
        for name in self.exclude_tags_by_default:
            if name not in tags and name not in exclude_tags:
                exclude_tags.append(name)
        super().__init__(*args, tags=tags, exclude_tags=exclude_tags, **kwargs)
