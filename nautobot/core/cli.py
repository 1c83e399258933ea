"""`nautobot-server`: the single entry point.

Global options (`--config PATH`/`-c PATH`, `--version`, `--help`) are read only *before* the
subcommand, so a subcommand keeps every option of its own (`nautobot-server shell -c "..."` works).
`init` and `start --stop/--reload` never load Django; everything else is a Django management command
(`start` = uWSGI, `celery` = the Celery CLI).
"""

import os
import sys

import nautobot
from nautobot.core.config import ConfigError, exit_with, resolve_config_path, write_config
from nautobot.core.prometheus import server_role

USAGE = """\
usage: nautobot-server [--config PATH] <command> [options]

Common commands:
  init [PATH]          write a new nautobot_config.py (default: $NAUTOBOT_ROOT/nautobot_config.py)
  quickstart           embedded all-in-one: set up, then run web + worker + scheduler
  post_upgrade         migrate, collect static files, clear stale data
  start                web service (uWSGI; every option is passed to uWSGI)
  celery               Celery CLI (worker, beat, inspect, purge, ...)
  rqworker             deprecated RQ worker
  health_check         check database, cache, broker and workers; exit code says the result
  config check         check the settings and connect to database, cache and broker
  createsuperuser, nbshell, migrate, shell, ...   every Django command (`nautobot-server help`)

The configuration is --config, else $NAUTOBOT_CONFIG, else $NAUTOBOT_ROOT/nautobot_config.py
($NAUTOBOT_ROOT defaults to ~/.nautobot).
"""


def split_global_options(argv: list[str]) -> tuple[str | None, list[str], bool, bool]:
    """Return (config path, subcommand argv, wants version, wants help) from `argv` (without argv[0])."""
    config, show_version, show_help = None, False, False
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in ("-c", "--config"):
            if index + 1 >= len(argv):
                raise ConfigError(
                    f"{word} needs a path, e.g. `nautobot-server {word} /opt/nautobot/nautobot_config.py start`."
                )
            config = argv[index + 1]
            index += 2
        elif word.startswith("--config="):
            config = word.split("=", 1)[1]
            index += 1
        elif word == "--version":
            show_version, index = True, index + 1
        elif word in ("-h", "--help"):
            show_help, index = True, index + 1
        else:
            break
    return config, argv[index:], show_version, show_help


def main(argv: list[str] | None = None) -> None:
    """Run `nautobot-server` with `argv` (default: `sys.argv[1:]`)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        config, rest, show_version, show_help = split_global_options(argv)
        if show_version:
            print(nautobot.__version__)
            return
        if show_help or not rest:
            print(USAGE)
            return
        command, args = rest[0], rest[1:]
        if command == "init":
            return _init(config, args)
        if command == "generate_secret_key" and not args:
            from django.core.management.utils import get_random_secret_key  # needs no settings

            print(get_random_secret_key())
            return
        if command == "start" and _is_signal_only(args):
            from nautobot.core.webserver import run_uwsgi_unconfigured  # lazily: only this command needs uWSGI

            raise SystemExit(run_uwsgi_unconfigured(args))
        if command == "quickstart" and not resolve_config_path(config).exists():
            _init(config, [])
        # `config check` lists the unsupported settings in its report instead of announcing them first.
        nautobot.setup(config, announce=command != "config", server_role=server_role(command, args))
    except ConfigError as exc:
        exit_with(exc)
    _run_django_command(command, args)


def _init(config: str | None, args: list[str]) -> None:
    if args and args[0] in ("-h", "--help"):
        print("usage: nautobot-server init [PATH]\n\nWrite a commented nautobot_config.py with a fresh SECRET_KEY.")
        return
    path = resolve_config_path(args[0] if args else config)
    if path.exists():
        # Like the original: leave the file alone and succeed, so provisioning scripts can re-run init.
        print(f"{path} already exists; leaving it unchanged (remove it first to write a new one).", file=sys.stderr)
        return
    write_config(path)
    print(f"Configuration file created at {path}")
    print("Next: edit it as needed, then run `nautobot-server post_upgrade` and `nautobot-server createsuperuser`.")


def _is_signal_only(args: list[str]) -> bool:
    """True for `start --stop PIDFILE`, `start --reload PIDFILE` and `start --help`: no app is loaded."""
    return any(
        a in ("--stop", "--reload", "--help", "-h", "--version") or a.startswith(("--stop=", "--reload=")) for a in args
    )


def _run_django_command(command: str, args: list[str]) -> None:
    from django.core.management import execute_from_command_line

    from nautobot.core.health import ServiceUnavailable, explain_connection_error  # after the configuration is read

    prog = os.path.basename(sys.argv[0]) or "nautobot-server"
    try:
        execute_from_command_line([prog, command, *args])
    except ServiceUnavailable as exc:
        exit_with(exc, code=1)
    except Exception as exc:
        message = explain_connection_error(exc)
        if message is None:
            raise
        exit_with(message, code=1)


if __name__ == "__main__":
    main()
