"""The web UI: pages generated from the specs, plus the shell (home, search, profile) and a registry for other pages.

- `defaults`: what a spec's UI shows when it does not say (columns, form fields, filters).
- `objects` / `bulk`: list, detail, edit, delete, bulk edit/delete and import views, one set per spec; the same
  classes are the 1.x generic views (`generic`, their 1.x path) and `NautobotUIViewSet`'s actions (`mixins`,
  `viewsets`, routed by `routers`); `extensions` places template extensions on them; `access` has the 1.x
  permission mixins of custom views.
- `urls`: the URLs of pages and objects (`spec_url`, `object_url`); `urlpatterns`: the URL patterns of every page.
- `routes`: the navigation menu and the registrations; `register_page()` adds a non-model page and its menu entry.
- `pages` / `profile`: home, search, health; the user's profile and API tokens.
"""
