<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>CustomerSearchPopup</name>
    <message>
        <source>Rechercher un client</source>
        <translation>Find a customer</translation>
    </message>
    <message>
        <source>Nom, société, e-mail, téléphone, ville, référence…</source>
        <translation>Name, company, email, phone, town, reference…</translation>
    </message>
    <message>
        <source>Aucun client trouvé.</source>
        <translation>No customer found.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Du</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Client facturé</source>
        <translation>Customer as invoiced</translation>
    </message>
    <message>
        <source>N° de facture</source>
        <translation>Invoice no.</translation>
    </message>
    <message>
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>au</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Numéro</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Total TTC</source>
        <translation>Total incl. VAT</translation>
    </message>
    <message>
        <source>Établir un avoir</source>
        <translation>Issue a credit note</translation>
    </message>
    <message>
        <source>Ticket et facture…</source>
        <translation>Receipt and invoice…</translation>
    </message>
    <message>
        <source>Aperçu du ticket et de la facture PDF, réimpression (DUPLICATA), renvoi</source>
        <translation>Preview of the receipt and the PDF invoice, reprint (DUPLICATA), send again</translation>
    </message>
    <message>
        <source>Clôture</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Factures</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Total perpétuel</source>
        <translation>Perpetual grand total</translation>
    </message>
    <message>
        <source>Par moyen de paiement</source>
        <translation>By payment method</translation>
    </message>
    <message>
        <source>Clôturer la journée</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <source>Vérifier l&apos;historique</source>
        <translation>Verify the history</translation>
    </message>
    <message>
        <source>Clôtures</source>
        <translation>Closings</translation>
    </message>
    <message>
        <source>Annulée par l&apos;avoir %1</source>
        <translation>Cancelled by credit note %1</translation>
    </message>
    <message>
        <source>Facture envoyée par e-mail à %1 le %2.</source>
        <translation>Invoice emailed to %1 on %2.</translation>
    </message>
    <message>
        <source>E-mail à %1 refusé : %2 (corrigez l&apos;adresse depuis la barre d&apos;état).</source>
        <translation>Email to %1 refused: %2 (correct the address from the status bar).</translation>
    </message>
    <message>
        <source>E-mail à %1 en attente d&apos;envoi.</source>
        <translation>Email to %1 waiting to be sent.</translation>
    </message>
    <message>
        <source>Annuler la facture %1 (%2) par un avoir ?</source>
        <translation>Cancel invoice %1 (%2) with a credit note?</translation>
    </message>
    <message>
        <source>Avoir %1 établi pour la facture %2.</source>
        <translation>Credit note %1 issued for invoice %2.</translation>
    </message>
    <message>
        <source>Espèces</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Carte</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Chèque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <source>Compte</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Journalière</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>Mensuelle</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>Journée clôturée.</source>
        <translation>Day closed.</translation>
    </message>
    <message>
        <source>Rien à clôturer depuis la dernière clôture.</source>
        <translation>Nothing to close since the last closing.</translation>
    </message>
    <message>
        <source>Historique intact : %1 factures et %2 clôtures vérifiées.</source>
        <translation>History intact: %1 invoices and %2 closings verified.</translation>
    </message>
    <message>
        <source>Erreur inattendue : %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>ItemsDialog</name>
    <message>
        <source>Articles</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Prix TTC</source>
        <translation>Price incl. VAT</translation>
    </message>
    <message>
        <source>TVA</source>
        <translation>VAT</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Ticket de préparation</source>
        <translation>Preparation ticket</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Code-barres</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Nouveau</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Retirer de la vente</source>
        <translation>Withdraw from sale</translation>
    </message>
    <message>
        <source>Importer un CSV…</source>
        <translation>Import a CSV…</translation>
    </message>
    <message>
        <source>Article « %1 » enregistré.</source>
        <translation>Item “%1” saved.</translation>
    </message>
    <message>
        <source>« %1 » est retiré de la vente.</source>
        <translation>“%1” is withdrawn from sale.</translation>
    </message>
    <message>
        <source>Importer des articles</source>
        <translation>Import items</translation>
    </message>
    <message>
        <source>Fichiers CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>%1 article(s) importé(s).</source>
        <translation>%1 item(s) imported.</translation>
    </message>
    <message>
        <source>Ligne %1 : %2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <source>Fichier illisible : %1</source>
        <translation>Unreadable file: %1</translation>
    </message>
    <message>
        <source>Erreur inattendue : %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Encaissement</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Total à payer : %1</source>
        <translation>Total to pay: %1</translation>
    </message>
    <message>
        <source>Montant</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Espèces</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Carte bancaire</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Chèque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <source>Compte client</source>
        <translation>Customer account</translation>
    </message>
    <message>
        <source>Paiement sur compte client : bientôt disponible</source>
        <translation>Payment on the customer&apos;s account: coming soon</translation>
    </message>
    <message>
        <source>Retirer le paiement</source>
        <translation>Remove the payment</translation>
    </message>
    <message>
        <source>Valider la vente</source>
        <translation>Complete the sale</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Montant invalide : %1</source>
        <translation>Invalid amount: %1</translation>
    </message>
    <message>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source> (donné %1)</source>
        <translation> (given %1)</translation>
    </message>
    <message>
        <source>Reste à payer : %1</source>
        <translation>Remaining to pay: %1</translation>
    </message>
    <message>
        <source>Rendu : %1</source>
        <translation>Change: %1</translation>
    </message>
</context>
<context>
    <name>RegisterPane</name>
    <message>
        <source>Code-barres, code ou nom d&apos;article</source>
        <translation>Barcode, code or item name</translation>
    </message>
    <message>
        <source>Articles…</source>
        <translation>Items…</translation>
    </message>
    <message>
        <source>Client…</source>
        <translation>Customer…</translation>
    </message>
    <message>
        <source>Rechercher un client dans le répertoire</source>
        <translation>Find a customer in the directory</translation>
    </message>
    <message>
        <source>Nouveau client</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Détacher</source>
        <translation>Detach</translation>
    </message>
    <message>
        <source>Supprimer la ligne</source>
        <translation>Remove the line</translation>
    </message>
    <message>
        <source>Vider le ticket</source>
        <translation>Clear the ticket</translation>
    </message>
    <message>
        <source>Encaisser</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>Ce client n&apos;existe plus (supprimé depuis une autre caisse ?).</source>
        <translation>This customer no longer exists (deleted from another till?).</translation>
    </message>
    <message>
        <source>Aucun client avec la référence %1.</source>
        <translation>No customer with reference %1.</translation>
    </message>
    <message>
        <source>%1 n&apos;est plus sur le ticket.</source>
        <translation>%1 is no longer on the ticket.</translation>
    </message>
    <message>
        <source>Le ticket est vide.</source>
        <translation>The ticket is empty.</translation>
    </message>
    <message>
        <source>%1 remplace %2 sur le ticket.</source>
        <translation>%1 replaces %2 on the ticket.</translation>
    </message>
    <message>
        <source>%1 est sur le ticket.</source>
        <translation>%1 is on the ticket.</translation>
    </message>
    <message>
        <source>Aucun client sur le ticket</source>
        <translation>No customer on the ticket</translation>
    </message>
    <message>
        <source>Groupe %1</source>
        <translation>Group %1</translation>
    </message>
    <message>
        <source>Réf. %1</source>
        <translation>Ref. %1</translation>
    </message>
    <message>
        <source>remise %1</source>
        <translation>discount %1</translation>
    </message>
    <message>
        <source>Divers</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Aucun article pour l&apos;instant : ajoutez-en avec « Articles… », ou scannez un code-barres connu.</source>
        <translation>No items yet: add some with “Items…”, or scan a known barcode.</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Aucun article ni client pour « %1 ».</source>
        <translation>No item or customer for “%1”.</translation>
    </message>
    <message>
        <source>Quantité invalide : %1</source>
        <translation>Invalid quantity: %1</translation>
    </message>
    <message>
        <source>Vider le ticket en cours ? Ses lignes seront perdues.</source>
        <translation>Clear the current ticket? Its lines will be lost.</translation>
    </message>
    <message>
        <source>Vider</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Garder</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>Vente enregistrée : facture %1.</source>
        <translation>Sale recorded: invoice %1.</translation>
    </message>
    <message>
        <source>Rendu : %1</source>
        <translation>Change: %1</translation>
    </message>
    <message>
        <source>Erreur inattendue : %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <source>Article</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Qté</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Prix unit.</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Total TTC : %1</source>
        <translation>Total incl. VAT: %1</translation>
    </message>
    <message>
        <source>TVA %1 : base %2, TVA %3, TTC %4</source>
        <translation>VAT %1: base %2, VAT %3, total %4</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Touche %1</source>
        <translation>Key %1</translation>
    </message>
</context>
</TS>
