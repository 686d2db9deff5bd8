"""Classrooms and memberships moved to the teaching app; their rows stay put."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('teaching', '0001_adopt_classrooms_and_assignments'),
        ('accounts', '0002_classrooms'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # State only: the tables stay as they are, under their old names.
            state_operations=[
                migrations.RemoveField(
                    model_name='membership',
                    name='classroom',
                ),
                migrations.RemoveField(
                    model_name='membership',
                    name='student',
                ),
                migrations.DeleteModel(
                    name='Classroom',
                ),
                migrations.DeleteModel(
                    name='Membership',
                ),
            ],
            database_operations=[],
        ),
    ]
