"""Classrooms, memberships and assignments move here from accounts and quizzes."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# Content types follow the models, so admin permissions and log entries keep
# pointing at them. Questions moved to content in the same release; this is
# the first migration that runs after every move.
MOVES = {
    ("accounts", "classroom"): "teaching",
    ("accounts", "membership"): "teaching",
    ("quizzes", "assignment"): "teaching",
    ("quizzes", "question"): "content",
    ("quizzes", "questionreport"): "content",
}


def _relabel(apps, moves) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (old_label, model), new_label in moves:
        stale = ContentType.objects.filter(app_label=old_label, model=model)
        if ContentType.objects.filter(app_label=new_label, model=model).exists():
            # The new row exists already (post_migrate made it): the old one is stale.
            stale.delete()
        else:
            stale.update(app_label=new_label)


def relabel_forward(apps, schema_editor):
    _relabel(apps, MOVES.items())


def relabel_backward(apps, schema_editor):
    _relabel(apps, [((new, model), old) for (old, model), new in MOVES.items()])


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0002_classrooms'),
        ('quizzes', '0003_hand_over_questions_and_assignments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # State only: the tables stay as they are, under their old names.
            state_operations=[
                migrations.CreateModel(
                    name='Classroom',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120)),
                        ('code', models.CharField(max_length=12, unique=True)),
                        ('archived', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('teacher', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='classrooms', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_classroom',
                        'ordering': ['archived', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('joined_at', models.DateTimeField(auto_now_add=True)),
                        ('classroom', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='teaching.classroom')),
                        ('student', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_membership',
                        'ordering': ['student__last_name', 'student__first_name', 'student__username'],
                    },
                ),
                migrations.AddField(
                    model_name='classroom',
                    name='students',
                    field=models.ManyToManyField(related_name='joined_classrooms', through='teaching.Membership', to=settings.AUTH_USER_MODEL),
                ),
                migrations.CreateModel(
                    name='Assignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('due_at', models.DateTimeField()),
                        ('note', models.TextField(blank=True)),
                        ('goal', models.CharField(choices=[('studied', 'Study every card at least once'), ('mastery', 'Reach a mastery of at least X%'), ('quiz', 'Score at least X% in a quiz')], default='studied', max_length=10)),
                        ('goal_percent', models.PositiveSmallIntegerField(default=80, help_text='For mastery and quiz goals.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)])),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('closed_at', models.DateTimeField(blank=True, null=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('deck', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='quizzes.deck')),
                        ('classroom', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='teaching.classroom')),
                    ],
                    options={
                        'db_table': 'quizzes_assignment',
                        'ordering': ['due_at', 'id'],
                        'indexes': [models.Index(fields=['classroom', 'due_at'], name='quizzes_ass_classro_692814_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True)), fields=('classroom', 'deck'), name='one_open_assignment_per_deck')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='membership',
                    constraint=models.UniqueConstraint(fields=('classroom', 'student'), name='unique_membership'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_forward, relabel_backward),
    ]
