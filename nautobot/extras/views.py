"""The views of `nautobot.extras` under their 1.x path, for apps that route them at their own URLs:

    path("widgets/<uuid:pk>/changelog/", ObjectChangeLogView.as_view(), name="widget_changelog",
         kwargs={"model": Widget}),

Each is the page of its feature (the change log's, the notes') for the object the URL names.
"""

from nautobot.extras.changelog.ui import ObjectChangeLogView
from nautobot.extras.notes.ui import ObjectNotesView

__all__ = ["ObjectChangeLogView", "ObjectNotesView"]
