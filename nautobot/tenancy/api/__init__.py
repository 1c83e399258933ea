"""REST API of tenancy: its serializers under their Nautobot 1.x names."""
