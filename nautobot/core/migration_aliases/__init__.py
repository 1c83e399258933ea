"""The migration names of Nautobot 1.x's built-in apps, answered by ours, so that 1.x apps' migrations resolve.

A 1.x app's first migration depends on the original's migrations by name (BGP's on
`("dcim", "0009_add_natural_indexing")`, `("extras", "0033_add__optimized_indexing")`, ...), which ours do not
have: our built-in apps reached the same schema through other migrations. This app holds one migration that
depends on ours and declares that it *replaces* every original name ours lack. Django's migration loader then
points any dependency on such a name at it (as for a squashed migration; no Django code is changed), so the
app's migration runs after ours, and applying it records the original names as applied, as on the original.

Why its own app and fixed dependencies: a built-in app's migrations never depend on it, so no cycle can form,
and its dependencies never move, so a database that applied it stays consistent when our apps add migrations.
When a later migration of ours adds schema 1.x apps build on (a model they point at), a new migration here
depends on it; see `migrations/0001_nautobot_1x.py` for the list of names.
"""
