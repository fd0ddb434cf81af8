from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0003_providerreference"),
    ]

    operations = [
        migrations.AddField(
            model_name="tenant",
            name="name_article",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Automatique (d'après le nom)"),
                    ("de", "de … (« de Marelle »)"),
                    ("d'", "d'… (« d'Enfance Val de Brenne »)"),
                    ("du", "du … (« du Relais », sans « Le »)"),
                    ("des", "des … (« des Colos du Vercors », sans « Les »)"),
                    ("de la", "de la … (« de la Mairie de Saint-Alban »)"),
                    ("de l'", "de l'… (« de l'Accueil de loisirs »)"),
                ],
                default="",
                help_text=(
                    "Comment le nom s'écrit après « de » dans les phrases (« le portail des "
                    "Colos du Vercors », « d'Enfance Val de Brenne »). Automatique : d'après le nom."
                ),
                max_length=8,
                verbose_name="article du nom",
            ),
        ),
    ]
