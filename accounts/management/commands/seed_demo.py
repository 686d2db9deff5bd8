from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_accounts_create


class Command(BaseCommand):
    help = "Create the demo admin, teacher and student (development only)."

    def handle(self, *args, **options):
        # Known passwords must never reach a production database.
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development only: run with DEBUG=1.")
        accounts = demo_accounts_create()
        self.stdout.write(self.style.SUCCESS("Demo accounts (development only):"))
        for account in accounts:
            self.stdout.write(
                f"  {account.role:<8} username: {account.username:<8} password: {account.password}"
            )
