<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>CustomerSearchPopup</name>
    <message>
        <location filename="../../pos_clients/ui/register/customer_popup.py" line="42" />
        <source>Rechercher un client</source>
        <translation>Find a customer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/customer_popup.py" line="44" />
        <source>Nom, société, e-mail, téléphone, ville, référence…</source>
        <translation>Name, company, email, phone, town, reference…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/customer_popup.py" line="91" />
        <source>Aucun client trouvé.</source>
        <translation>No customer found.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="94" />
        <source>Du</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="101" />
        <source>Client facturé</source>
        <translation>Customer as invoiced</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="103" />
        <source>N° de facture</source>
        <translation>Invoice no.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="104" />
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="108" />
        <source>au</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="119" />
        <source>Numéro</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="119" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="119" />
        <source>Client</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="119" />
        <location filename="../../pos_clients/ui/history/view.py" line="151" />
        <source>Total TTC</source>
        <translation>Total incl. VAT</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="128" />
        <location filename="../../pos_clients/ui/history/view.py" line="262" />
        <source>Établir un avoir</source>
        <translation>Issue a credit note</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="148" />
        <source>Clôture</source>
        <translation>Closing</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="149" />
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="150" />
        <location filename="../../pos_clients/ui/history/view.py" line="174" />
        <source>Factures</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="152" />
        <source>Total perpétuel</source>
        <translation>Perpetual grand total</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="153" />
        <source>Par moyen de paiement</source>
        <translation>By payment method</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="160" />
        <source>Clôturer la journée</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="162" />
        <source>Vérifier l'historique</source>
        <translation>Verify the history</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="175" />
        <source>Clôtures</source>
        <translation>Closings</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="247" />
        <source>Annulée par l'avoir %1</source>
        <translation>Cancelled by credit note %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="263" />
        <source>Annuler la facture %1 (%2) par un avoir ?</source>
        <translation>Cancel invoice %1 (%2) with a credit note?</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="284" />
        <source>Avoir %1 établi pour la facture %2.</source>
        <translation>Credit note %1 issued for invoice %2.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="306" />
        <source>Espèces</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="307" />
        <source>Carte</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="308" />
        <source>Chèque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="309" />
        <source>Compte</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="312" />
        <source>Journalière</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="312" />
        <source>Mensuelle</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="337" />
        <source>Journée clôturée.</source>
        <translation>Day closed.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="339" />
        <source>Rien à clôturer depuis la dernière clôture.</source>
        <translation>Nothing to close since the last closing.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="350" />
        <source>Historique intact : %1 factures et %2 clôtures vérifiées.</source>
        <translation>History intact: %1 invoices and %2 closings verified.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/history/view.py" line="363" />
        <source>Erreur inattendue : %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>ItemsDialog</name>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="48" />
        <source>Articles</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="52" />
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="77" />
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="53" />
        <source>Article</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="54" />
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="74" />
        <source>Prix TTC</source>
        <translation>Price incl. VAT</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="55" />
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="75" />
        <source>TVA</source>
        <translation>VAT</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="56" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="71" />
        <source>Ticket de préparation</source>
        <translation>Preparation ticket</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="73" />
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="76" />
        <source>Code-barres</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="79" />
        <source>Nouveau</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="80" />
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="81" />
        <source>Retirer de la vente</source>
        <translation>Withdraw from sale</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="82" />
        <source>Importer un CSV…</source>
        <translation>Import a CSV…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="166" />
        <source>Article « %1 » enregistré.</source>
        <translation>Item “%1” saved.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="183" />
        <source>« %1 » est retiré de la vente.</source>
        <translation>“%1” is withdrawn from sale.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="192" />
        <source>Importer des articles</source>
        <translation>Import items</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="192" />
        <source>Fichiers CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="204" />
        <source>%1 article(s) importé(s).</source>
        <translation>%1 item(s) imported.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="206" />
        <source>Ligne %1 : %2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="221" />
        <source>Fichier illisible : %1</source>
        <translation>Unreadable file: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/items_dialog.py" line="223" />
        <source>Erreur inattendue : %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="35" />
        <source>Encaissement</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="39" />
        <source>Total à payer : %1</source>
        <translation>Total to pay: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="41" />
        <source>Montant</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="42" />
        <location filename="../../pos_clients/ui/register/payment.py" line="86" />
        <source>Espèces</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="43" />
        <location filename="../../pos_clients/ui/register/payment.py" line="87" />
        <source>Carte bancaire</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="44" />
        <location filename="../../pos_clients/ui/register/payment.py" line="88" />
        <source>Chèque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="45" />
        <source>Compte client</source>
        <translation>Customer account</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="48" />
        <source>Paiement sur compte client : bientôt disponible</source>
        <translation>Payment on the customer's account: coming soon</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="50" />
        <source>Retirer le paiement</source>
        <translation>Remove the payment</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="59" />
        <source>Valider la vente</source>
        <translation>Complete the sale</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="60" />
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="99" />
        <source>Montant invalide : %1</source>
        <translation>Invalid amount: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="126" />
        <source> (donné %1)</source>
        <translation> (given %1)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="129" />
        <source>Reste à payer : %1</source>
        <translation>Remaining to pay: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/payment.py" line="132" />
        <source>Rendu : %1</source>
        <translation>Change: %1</translation>
    </message>
</context>
<context>
    <name>RegisterPane</name>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="96" />
        <source>Code-barres, code ou nom d'article</source>
        <translation>Barcode, code or item name</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="99" />
        <source>Articles…</source>
        <translation>Items…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="110" />
        <source>Client…</source>
        <translation>Customer…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="111" />
        <source>Rechercher un client dans le répertoire</source>
        <translation>Find a customer in the directory</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="112" />
        <source>Nouveau client</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="114" />
        <source>Détacher</source>
        <translation>Detach</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="124" />
        <source>Supprimer la ligne</source>
        <translation>Remove the line</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="126" />
        <location filename="../../pos_clients/ui/register/pane.py" line="397" />
        <source>Vider le ticket</source>
        <translation>Clear the ticket</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="128" />
        <source>Encaisser</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="184" />
        <source>Ce client n'existe plus (supprimé depuis une autre caisse ?).</source>
        <translation>This customer no longer exists (deleted from another till?).</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="200" />
        <source>Aucun client avec la référence %1.</source>
        <translation>No customer with reference %1.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="213" />
        <source>%1 n'est plus sur le ticket.</source>
        <translation>%1 is no longer on the ticket.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="242" />
        <source>Le ticket est vide.</source>
        <translation>The ticket is empty.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="269" />
        <source>%1 remplace %2 sur le ticket.</source>
        <translation>%1 replaces %2 on the ticket.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="274" />
        <source>%1 est sur le ticket.</source>
        <translation>%1 is on the ticket.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="281" />
        <source>Aucun client sur le ticket</source>
        <translation>No customer on the ticket</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="285" />
        <source>Groupe %1</source>
        <translation>Group %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="290" />
        <source>Réf. %1</source>
        <translation>Ref. %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="300" />
        <source>remise %1</source>
        <translation>discount %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="310" />
        <source>Divers</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="366" />
        <source>Aucun article ni client pour « %1 ».</source>
        <translation>No item or customer for “%1”.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="373" />
        <source>Quantité invalide : %1</source>
        <translation>Invalid quantity: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="398" />
        <source>Vider le ticket en cours ? Ses lignes seront perdues.</source>
        <translation>Clear the current ticket? Its lines will be lost.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="402" />
        <source>Vider</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="403" />
        <source>Garder</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="432" />
        <source>Vente enregistrée : facture %1.</source>
        <translation>Sale recorded: invoice %1.</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="434" />
        <source>Rendu : %1</source>
        <translation>Change: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/pane.py" line="446" />
        <source>Erreur inattendue : %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <location filename="../../pos_clients/ui/register/ticket_view.py" line="46" />
        <source>Article</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/ticket_view.py" line="46" />
        <source>Qté</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/ticket_view.py" line="46" />
        <source>Prix unit.</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/ticket_view.py" line="46" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/ticket_view.py" line="113" />
        <source>Total TTC : %1</source>
        <translation>Total incl. VAT: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/register/ticket_view.py" line="115" />
        <source>TVA %1 : base %2, TVA %3, TTC %4</source>
        <translation>VAT %1: base %2, VAT %3, total %4</translation>
    </message>
</context>
</TS>