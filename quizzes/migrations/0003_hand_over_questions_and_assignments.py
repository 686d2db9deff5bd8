"""Questions went to content and assignments to teaching; their rows stay put."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0002_adopt_questions'),
        ('quizzes', '0002_card_attempts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # State only: the tables stay as they are, under their old names.
            state_operations=[
                migrations.RemoveField(
                    model_name='question',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='question',
                    name='fact',
                ),
                migrations.RemoveField(
                    model_name='question',
                    name='figure',
                ),
                migrations.RemoveField(
                    model_name='question',
                    name='passage',
                ),
                migrations.RemoveField(
                    model_name='questionreport',
                    name='question',
                ),
                migrations.AlterField(
                    model_name='quizanswer',
                    name='question',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quiz_answers', to='content.question'),
                ),
                migrations.AlterField(
                    model_name='deckquestion',
                    name='question',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deck_entries', to='content.question'),
                ),
                migrations.AlterField(
                    model_name='card',
                    name='question',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cards', to='content.question'),
                ),
                migrations.RemoveField(
                    model_name='questionreport',
                    name='reporter',
                ),
                migrations.AlterField(
                    model_name='deck',
                    name='questions',
                    field=models.ManyToManyField(related_name='decks', through='quizzes.DeckQuestion', to='content.question'),
                ),
                migrations.DeleteModel(
                    name='Assignment',
                ),
                migrations.DeleteModel(
                    name='Question',
                ),
                migrations.DeleteModel(
                    name='QuestionReport',
                ),
            ],
            database_operations=[],
        ),
    ]
