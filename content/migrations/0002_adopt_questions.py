"""Questions belong to content now; the tables keep their quizzes_ names."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('quizzes', '0002_card_attempts'),
        ('content', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # State only: the tables stay as they are, under their old names.
            state_operations=[
                migrations.CreateModel(
                    name='Question',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('type', models.CharField(choices=[('year', 'Year or date'), ('who', 'Who'), ('what', 'What'), ('where', 'Where'), ('how_many', 'How many'), ('cloze', 'Cloze'), ('true_false', 'True or false'), ('multiple_choice', 'Multiple choice'), ('image', 'Image'), ('order', 'Timeline order')], max_length=16)),
                        ('prompt', models.TextField()),
                        ('answer', models.CharField(max_length=500)),
                        ('accepted', models.JSONField(blank=True, default=list, help_text='Other accepted answers.')),
                        ('choices', models.JSONField(blank=True, default=list, help_text='Options, in the order shown.')),
                        ('explanation', models.TextField(blank=True, help_text='Shown after answering, above the source.')),
                        ('fact_kind', models.CharField(blank=True, max_length=16)),
                        ('tolerance', models.FloatField(default=0.0, help_text='Relative tolerance for numbers.')),
                        ('difficulty', models.FloatField(default=0.5)),
                        ('score', models.FloatField(default=0.0, help_text="The generator's ranking score.")),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('retired', 'Retired')], default='draft', max_length=10)),
                        ('generator_version', models.CharField(blank=True, max_length=32)),
                        ('key', models.CharField(max_length=80)),
                        ('locked', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='content.document')),
                        ('fact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='questions', to='content.fact')),
                        ('figure', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='questions', to='content.figure')),
                        ('passage', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='questions', to='content.passage')),
                    ],
                    options={
                        'db_table': 'quizzes_question',
                        'ordering': ['document', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='QuestionReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField()),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('resolved', models.BooleanField(default=False)),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='content.question')),
                        ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='question_reports', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'quizzes_questionreport',
                        'ordering': ['resolved', '-created_at'],
                    },
                ),
                migrations.AddIndex(
                    model_name='question',
                    index=models.Index(fields=['status', 'type'], name='quizzes_que_status_929c83_idx'),
                ),
                migrations.AddConstraint(
                    model_name='question',
                    constraint=models.UniqueConstraint(fields=('document', 'key'), name='unique_question_key'),
                ),
            ],
            database_operations=[],
        ),
    ]
