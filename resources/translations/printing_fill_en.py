"""Fill the English of resources/translations/printing_en.ts (run after pyside6-lupdate).

    pyside6-lupdate pos_clients/ui/document_preview.py pos_clients/ui/outputs_*.py \
        pos_clients/ui/settings/*.py -ts resources/translations/printing_en.ts -no-obsolete
    python resources/translations/printing_fill_en.py resources/translations/printing_en.ts
"""

import sys
import xml.etree.ElementTree as ET

EN = {
    "Facture %1": "Invoice %1",
    "Ticket de caisse": "Receipt",
    "Ticket de préparation": "Preparation ticket",
    "Enregistrer le PDF…": "Save the PDF…",
    "Réimprimer (DUPLICATA)": "Reprint (DUPLICATE)",
    "Renvoyer par e-mail": "Email again",
    "Enregistrer la facture": "Save the invoice",
    "PDF enregistré : %1": "PDF saved: %1",
    "DUPLICATA envoyé à l'imprimante.": "DUPLICATE sent to the printer.",
    "Facture mise dans la boîte d'envoi pour %1.": "Invoice put in the outbox for %1.",
    "STARTTLS": "STARTTLS",
    "TLS": "TLS",
    "Aucune": "None",
    "adresse qui recevra l'essai": "address that will receive the test",
    "Enregistrer": "Save",
    "Envoyer un message d'essai": "Send a test message",
    "Serveur d'envoi (SMTP)": "Outgoing server (SMTP)",
    "Serveur": "Server",
    "Port": "Port",
    "Sécurité": "Security",
    "Utilisateur": "User",
    "Mot de passe": "Password",
    "Message": "Message",
    "Nom de l'expéditeur": "Sender name",
    "Adresse de l'expéditeur": "Sender address",
    "Objet": "Subject",
    "Texte": "Text",
    "Zones : {client} {numero} {date} {montant} {boutique}": (
        "Fields: {client} {numero} {date} {montant} {boutique}"
    ),
    "enregistré dans le trousseau": "saved in the keyring",
    "Réglages d'e-mail enregistrés.": "Email settings saved.",
    "Message d'essai envoyé à %1.": "Test message sent to %1.",
    "Envoi en cours…": "Sending…",
    "imprimante de tickets": "receipt printer",
    "imprimante de préparation": "preparation printer",
    "%1 ticket(s) en attente (%2)": "%1 ticket(s) waiting (%2)",
    " : ne répond pas": ": not answering",
    "%1 e-mail(s) en attente": "%1 email(s) waiting",
    "%1 e-mail(s) refusé(s)": "%1 email(s) refused",
    "tcp://192.168.1.50:9100 — vide : aucune": "tcp://192.168.1.50:9100 — empty: none",
    "Impression de test": "Test print",
    "Adresse": "Address",
    "Profil": "Profile",
    "Colonnes": "Columns",
    "Page de code": "Code page",
    "Imprimante de tickets": "Receipt printer",
    "Imprimante de préparation": "Preparation printer",
    "Pied de ticket": "Receipt footer",
    "Réglages des imprimantes enregistrés.": "Printer settings saved.",
    "Ticket de test imprimé.": "Test ticket printed.",
    "Impression en cours…": "Printing…",
    "Impressions et e-mails en attente": "Waiting prints and emails",
    "Heure": "Time",
    "Facture": "Invoice",
    "Ticket": "Ticket",
    "Imprimante": "Printer",
    "Erreur": "Error",
    "Envoyer à l'autre imprimante": "Send to the other printer",
    "Ne pas imprimer": "Do not print",
    "État": "State",
    "Corriger l'adresse et renvoyer…": "Correct the address and send again…",
    "Tickets en attente": "Waiting tickets",
    "E-mails": "Emails",
    "ticket de caisse": "receipt",
    "préparation": "preparation",
    "tickets": "receipts",
    "en attente": "waiting",
    "refusé": "refused",
    "Ticket envoyé à l'autre imprimante.": "Ticket sent to the other printer.",
    "Ce ticket ne sera pas imprimé.": "This ticket will not be printed.",
    "Renvoyer la facture": "Send the invoice again",
    "Adresse e-mail :": "Email address:",
    "Le message repart à l'adresse indiquée.": "The message goes again to the address given.",
    "Imprimantes de la caisse « %1 »": "Printers of the till “%1”",
    "Imprimantes de la boutique (toutes les caisses)": "Printers of the shop (every till)",
}

path = sys.argv[1]
tree = ET.parse(path)
missing = []
for message in tree.iter("message"):
    source = message.findtext("source")
    translation = message.find("translation")
    if source in EN:
        translation.text = EN[source]
        translation.attrib.pop("type", None)
    else:
        missing.append(source)
root = tree.getroot()
root.set("sourcelanguage", "fr_FR")
root.set("language", "en_GB")
tree.write(path, encoding="utf-8", xml_declaration=True)
with open(path, "r+", encoding="utf-8") as f:
    text = f.read().replace(
        "<?xml version='1.0' encoding='utf-8'?>",
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>',
        1,
    )
    f.seek(0)
    f.write(text)
    f.truncate()
print("missing:", missing)
