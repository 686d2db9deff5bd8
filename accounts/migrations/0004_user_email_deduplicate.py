"""Before emails become unique whatever their case: settle existing duplicates.

Of the accounts sharing an address, the one that signed in most recently
(else the oldest) keeps it; the others' address is cleared, not changed to
something their owner never chose. They keep their username and password and
can add an address of their own in their profile. The names are printed so an
admin can tell them.
"""

from django.db import migrations
from django.db.models import Count, F
from django.db.models.functions import Lower


def deduplicate(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    shared = (
        User.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("address", flat=True)
    )
    for address in list(shared):
        owners = list(
            User.objects.annotate(address=Lower("email"))
            .filter(address=address)
            .order_by(F("last_login").desc(nulls_last=True), "pk")
        )
        keeper, *others = owners
        for user in others:
            print(f"\n  {user.username}: email {user.email} cleared (kept by {keeper.username})")
            User.objects.filter(pk=user.pk).update(email="")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_hand_over_classrooms"),
    ]

    operations = [migrations.RunPython(deduplicate, migrations.RunPython.noop)]
