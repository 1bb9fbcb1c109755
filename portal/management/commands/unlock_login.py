from django.core.management.base import BaseCommand, CommandError

from portal.security.login_throttle import prune, unlock


class Command(BaseCommand):
    help = (
        "Forget the failed attempts of a user name and/or a client address (every guarded form), "
        "and delete failures older than the window."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="the user name (look-alike spellings count as the same)")
        parser.add_argument("--address", help="the client address (an IPv6 address unlocks its /64)")

    def handle(self, *args, user=None, address=None, **options):
        if not user and not address:
            pruned = prune()
            self.stdout.write(f"{pruned} expired failures deleted.")
            return
        if address is not None and not address.strip():
            raise CommandError("--address is empty")
        removed = unlock(username=user, address=address)
        self.stdout.write(f"{removed} failures forgotten.")
