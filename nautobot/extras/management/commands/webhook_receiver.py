"""`nautobot-server webhook_receiver`: a local HTTP server that prints each webhook call it receives."""

import json

from django.core.management.base import BaseCommand

from nautobot.extras.webhooks.receiver import Received, WebhookReceiver


class Command(BaseCommand):
    help = "Receive webhooks on a local port and print them (checking X-Hook-Signature when given --secret)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=9000, help="port to listen on (default 9000)")
        parser.add_argument("--secret", default="", help="the webhook's secret: check each call's signature")
        parser.add_argument("--no-headers", action="store_true", help="print bodies only")

    def handle(self, *args, **options) -> None:
        count = 0

        def show(call: Received) -> None:
            nonlocal count
            count += 1
            lines = [f"[{count}] {call.method} {call.path}"]
            if options["secret"]:
                lines.append(f"Signature: {'valid' if call.signature_ok else 'INVALID'}")
            if not options["no_headers"]:
                lines.extend(f"{name}: {value}" for name, value in call.headers.items())
            try:
                body = json.dumps(call.json(), indent=2)
            except ValueError:
                body = call.body.decode("utf-8", errors="replace")
            lines += ["", body, "-" * 40]
            self.stdout.write("\n".join(lines))
            self.stdout.flush()

        receiver = WebhookReceiver(options["host"], options["port"], secret=options["secret"], echo=show)
        self.stdout.write(f"Listening on {receiver.url} (Ctrl-C to stop)")
        self.stdout.flush()
        try:
            receiver.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write(f"\n{count} calls received.")
