<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="77" />
        <source>Facture %1</source>
        <translation>Invoice %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="81" />
        <source>Ticket de caisse</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="85" />
        <source>Ticket de préparation</source>
        <translation>Preparation ticket</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="88" />
        <source>Enregistrer le PDF…</source>
        <translation>Save the PDF…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="90" />
        <source>Réimprimer (DUPLICATA)</source>
        <translation>Reprint (DUPLICATE)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="92" />
        <source>Renvoyer par e-mail</source>
        <translation>Email again</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="113" />
        <source>Enregistrer la facture</source>
        <translation>Save the invoice</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="128" />
        <source>PDF enregistré : %1</source>
        <translation>PDF saved: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="150" />
        <source>DUPLICATA envoyé à l'imprimante.</source>
        <translation>DUPLICATE sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/document_preview.py" line="167" />
        <source>Facture mise dans la boîte d'envoi pour %1.</source>
        <translation>Invoice put in the outbox for %1.</translation>
    </message>
</context>
<context>
    <name>EmailPage</name>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="67" />
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="68" />
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="69" />
        <source>Aucune</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="78" />
        <source>adresse qui recevra l'essai</source>
        <translation>address that will receive the test</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="79" />
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="80" />
        <source>Envoyer un message d'essai</source>
        <translation>Send a test message</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="84" />
        <source>Serveur d'envoi (SMTP)</source>
        <translation>Outgoing server (SMTP)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="86" />
        <source>Serveur</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="87" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="88" />
        <source>Sécurité</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="89" />
        <source>Utilisateur</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="90" />
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="91" />
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="93" />
        <source>Nom de l'expéditeur</source>
        <translation>Sender name</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="94" />
        <source>Adresse de l'expéditeur</source>
        <translation>Sender address</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="95" />
        <source>Objet</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="96" />
        <source>Texte</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="99" />
        <source>Zones : {client} {numero} {date} {montant} {boutique}</source>
        <translation>Fields: {client} {numero} {date} {montant} {boutique}</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="154" />
        <source>enregistré dans le trousseau</source>
        <translation>saved in the keyring</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="177" />
        <source>Réglages d'e-mail enregistrés.</source>
        <translation>Email settings saved.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="196" />
        <source>Message d'essai envoyé à %1.</source>
        <translation>Test message sent to %1.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/email_page.py" line="199" />
        <source>Envoi en cours…</source>
        <translation>Sending…</translation>
    </message>
</context>
<context>
    <name>OutputsDialog</name>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="66" />
        <source>Impressions et e-mails en attente</source>
        <translation>Waiting prints and emails</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="69" />
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="80" />
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="70" />
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="81" />
        <source>Facture</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="71" />
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="72" />
        <source>Imprimante</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="73" />
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="84" />
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="76" />
        <source>Envoyer à l'autre imprimante</source>
        <translation>Send to the other printer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="77" />
        <source>Ne pas imprimer</source>
        <translation>Do not print</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="82" />
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="83" />
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="87" />
        <source>Corriger l'adresse et renvoyer…</source>
        <translation>Correct the address and send again…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="107" />
        <source>Tickets en attente</source>
        <translation>Waiting tickets</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="108" />
        <source>E-mails</source>
        <translation>Emails</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="136" />
        <source>ticket de caisse</source>
        <translation>receipt</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="136" />
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="137" />
        <source>préparation</source>
        <translation>preparation</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="137" />
        <source>tickets</source>
        <translation>receipts</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="152" />
        <source>en attente</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="152" />
        <source>refusé</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="192" />
        <source>Ticket envoyé à l'autre imprimante.</source>
        <translation>Ticket sent to the other printer.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="207" />
        <source>Ce ticket ne sera pas imprimé.</source>
        <translation>This ticket will not be printed.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="217" />
        <source>Renvoyer la facture</source>
        <translation>Send the invoice again</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="218" />
        <source>Adresse e-mail :</source>
        <translation>Email address:</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_dialog.py" line="231" />
        <source>Le message repart à l'adresse indiquée.</source>
        <translation>The message goes again to the address given.</translation>
    </message>
</context>
<context>
    <name>OutputsStatus</name>
    <message>
        <location filename="../../pos_clients/ui/outputs_status.py" line="100" />
        <source>imprimante de tickets</source>
        <translation>receipt printer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_status.py" line="101" />
        <source>imprimante de préparation</source>
        <translation>preparation printer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_status.py" line="104" />
        <source>%1 ticket(s) en attente (%2)</source>
        <translation>%1 ticket(s) waiting (%2)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_status.py" line="107" />
        <source> : ne répond pas</source>
        <translation>: not answering</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_status.py" line="110" />
        <source>%1 e-mail(s) en attente</source>
        <translation>%1 email(s) waiting</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/outputs_status.py" line="112" />
        <source>%1 e-mail(s) refusé(s)</source>
        <translation>%1 email(s) refused</translation>
    </message>
</context>
<context>
    <name>PrinterBox</name>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="43" />
        <source>tcp://192.168.1.50:9100 — vide : aucune</source>
        <translation>tcp://192.168.1.50:9100 — empty: none</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="52" />
        <source>Impression de test</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="54" />
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="55" />
        <source>Profil</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="56" />
        <source>Colonnes</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="57" />
        <source>Page de code</source>
        <translation>Code page</translation>
    </message>
</context>
<context>
    <name>PrintersPage</name>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="104" />
        <source>Imprimante de tickets</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="105" />
        <source>Imprimante de préparation</source>
        <translation>Preparation printer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="107" />
        <source>Imprimantes de la caisse « %1 »</source>
        <translation>Printers of the till “%1”</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="109" />
        <source>Imprimantes de la boutique (toutes les caisses)</source>
        <translation>Printers of the shop (every till)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="113" />
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="116" />
        <source>Pied de ticket</source>
        <translation>Receipt footer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="170" />
        <source>Réglages des imprimantes enregistrés.</source>
        <translation>Printer settings saved.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="197" />
        <source>Ticket de test imprimé.</source>
        <translation>Test ticket printed.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/settings/printers_page.py" line="200" />
        <source>Impression en cours…</source>
        <translation>Printing…</translation>
    </message>
</context>
</TS>