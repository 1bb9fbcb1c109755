from django.core.management.base import BaseCommand

from portal.search import indexing


class Command(BaseCommand):
    help = "Build the public search index again from every live page (after an import or a restore)."

    def handle(self, *args, **options):
        count = indexing.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} pages."))
