"""API versions 1.2–1.6, chosen by `Accept: application/json; version=X.Y` or `?api_version=X.Y`."""

from rest_framework import exceptions
from rest_framework.versioning import AcceptHeaderVersioning

ALLOWED_VERSIONS = ("1.2", "1.3", "1.4", "1.5", "1.6")
DEFAULT_VERSION = "1.2"


def version_tuple(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


class NautobotAPIVersioning(AcceptHeaderVersioning):
    """Accept-header versioning that also takes the query parameter; both given and different is a 400."""

    default_version = DEFAULT_VERSION
    allowed_versions = ALLOWED_VERSIONS

    def determine_version(self, request, *args, **kwargs) -> str:
        header_version = super().determine_version(request, *args, **kwargs)  # 406 for a bad header version
        header_given = "version=" in request.META.get("HTTP_ACCEPT", "")
        query_version = request.query_params.get("api_version")
        if query_version is None:
            return header_version
        self._check_query(query_version)
        if header_given and query_version != header_version:
            raise exceptions.ParseError('Version mismatch between "Accept" header and query parameter.')
        return query_version

    def _check_query(self, version: str) -> str:
        if version not in self.allowed_versions:
            raise exceptions.NotFound(
                f"Invalid version in query parameter. Supported versions are {', '.join(self.allowed_versions)}."
            )
        return version

    @property
    def invalid_version_message(self) -> str:
        return f'Invalid version in "Accept" header. Supported versions are {", ".join(self.allowed_versions)}.'
