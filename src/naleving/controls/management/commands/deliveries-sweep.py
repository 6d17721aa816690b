"""``naleving deliveries-sweep``: end theme-control deliveries whose run lost its worker, for cron.

A delivery that has been running for over an hour lost its worker (a restart or a crash). The sweep ends it
as failed and deletes its raw files (``controls.processing.deliveries_sweep``). Each delivery task also
sweeps before it starts; this command covers the hours in which no new delivery comes in.
"""

from django.core.management.base import BaseCommand

from naleving.controls.processing import deliveries_sweep


class Command(BaseCommand):
    help = "Beëindig leveringen waarvan de run is vastgelopen en verwijder hun ruwe bestanden."

    def handle(self, *args, **options):
        swept = deliveries_sweep()
        if swept:
            ids = ", ".join(str(pk) for pk in swept)
            self.stdout.write(
                f"{len(swept)} vastgelopen levering(en) beëindigd, ruwe bestanden verwijderd: {ids}."
            )
        else:
            self.stdout.write("Geen vastgelopen leveringen.")
