<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>CustomerForm</name>
    <message>
        <source>Nouveau client</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Modifier le client</source>
        <translation>Edit customer</translation>
    </message>
    <message>
        <source>Personne physique</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Personne morale</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>(aucune)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Aucun groupe</source>
        <translation>No group</translation>
    </message>
    <message>
        <source>%1 (remise %2)</source>
        <translation>%1 (%2 discount)</translation>
    </message>
    <message>
        <source>e-mails</source>
        <translation>email</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>courrier</source>
        <translation>post</translation>
    </message>
    <message>
        <source>JJ/MM/AAAA</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <source>Civilité</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Raison sociale</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Forme juridique</source>
        <translation>Legal form</translation>
    </message>
    <message>
        <source>SIRET ou SIREN</source>
        <translation>SIRET or SIREN</translation>
    </message>
    <message>
        <source>N° de TVA intracom.</source>
        <translation>EU VAT number</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Date de naissance</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Le client recevra sa facture par e-mail à chaque passage.</source>
        <translation>The customer will receive their invoice by email at every visit.</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Accepte les offres par</source>
        <translation>Accepts offers by</translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Complément</source>
        <translation>Address line 2</translation>
    </message>
    <message>
        <source>Code postal</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Pays</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Scannez ici la carte de fidélité avec la douchette, ou tapez son code.</source>
        <translation>Scan the loyalty card here with the barcode scanner, or type its code.</translation>
    </message>
    <message>
        <source>N° de compte</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>Vide : les ventes vont au compte « Clients divers » à l&apos;export comptable.</source>
        <translation>Empty: sales go to the “Clients divers” (sundry customers) account in the accounting export.</translation>
    </message>
    <message>
        <source>Groupe</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Boutique</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Enregistrer le client (Entrée)</source>
        <translation>Save the customer (Enter)</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Fermer sans enregistrer (Échap)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>Modifications non enregistrées</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Abandonner les modifications de ce client ?</source>
        <translation>Discard the changes to this customer?</translation>
    </message>
    <message>
        <source>Abandonner</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Continuer la saisie</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>DatabaseUpgrade</name>
    <message>
        <source>Préparation de la base de données…
Pour un grand répertoire, cela peut prendre quelques minutes. Ne fermez pas l&apos;application.</source>
        <translation>Preparing the database…
For a large directory this may take a few minutes. Do not close the application.</translation>
    </message>
</context>
<context>
    <name>DeleteGroupDialog</name>
    <message>
        <source>Supprimer le groupe client</source>
        <translation>Delete customer group</translation>
    </message>
    <message>
        <source>Supprimer définitivement le groupe client « %1 » ?</source>
        <translation>Delete the customer group “%1” for good?</translation>
    </message>
    <message>
        <source>1 client appartient à ce groupe.</source>
        <translation>1 customer belongs to this group.</translation>
    </message>
    <message>
        <source>%1 clients appartiennent à ce groupe.</source>
        <translation>%1 customers belong to this group.</translation>
    </message>
    <message>
        <source>Aucun groupe</source>
        <translation>No group</translation>
    </message>
    <message>
        <source>Les déplacer vers</source>
        <translation>Move them to</translation>
    </message>
    <message>
        <source>Les factures déjà émises gardent le nom et la remise du groupe appliqués.</source>
        <translation>Invoices already issued keep the group name and discount they applied.</translation>
    </message>
    <message>
        <source>Déplacer et supprimer</source>
        <translation>Move and delete</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DirectoryModel</name>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Code postal et ville</source>
        <translation>Postcode and city</translation>
    </message>
    <message>
        <source>Groupe</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Supprimer un client (Suppr)</source>
        <translation>Delete a customer (Del)</translation>
    </message>
    <message>
        <source>Supprimer ce client (Suppr)</source>
        <translation>Delete this customer (Del)</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Personne morale</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Personne physique</source>
        <translation>Person</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <source>Rechercher : nom, société, e-mail, téléphone, ville, référence…</source>
        <translation>Search: name, company, email, phone, city, reference…</translation>
    </message>
    <message>
        <source>Rechercher dans le répertoire (Ctrl+F ; Échap efface)</source>
        <translation>Search the directory (Ctrl+F; Esc clears)</translation>
    </message>
    <message>
        <source>Afficher à nouveau tout le répertoire</source>
        <translation>Show the whole directory again</translation>
    </message>
    <message>
        <source>Importer…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Exporter…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Nouveau</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Nouveau client (Ctrl+N)</source>
        <translation>New customer (Ctrl+N)</translation>
    </message>
    <message>
        <source>plus de %1 clients</source>
        <translation>more than %1 customers</translation>
    </message>
    <message>
        <source>aucun client</source>
        <translation>no customers</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 customer</translation>
    </message>
    <message>
        <source>%1 clients</source>
        <translation>%1 customers</translation>
    </message>
    <message>
        <source>Groupe : %1  ✕</source>
        <translation>Group: %1  ✕</translation>
    </message>
    <message>
        <source>Client enregistré : %1</source>
        <translation>Customer saved: %1</translation>
    </message>
    <message>
        <source>Client créé : %1</source>
        <translation>Customer created: %1</translation>
    </message>
    <message>
        <source>Supprimer le client</source>
        <translation>Delete customer</translation>
    </message>
    <message>
        <source>Supprimer définitivement « %1 » du répertoire ?</source>
        <translation>Delete “%1” from the directory for good?</translation>
    </message>
    <message>
        <source>Les factures déjà émises gardent leur copie du client (nom et adresse).</source>
        <translation>Invoices already issued keep their copy of the customer (name and address).</translation>
    </message>
    <message>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Client supprimé : %1</source>
        <translation>Customer deleted: %1</translation>
    </message>
</context>
<context>
    <name>DirectoryTransfer</name>
    <message>
        <source>Importer des clients</source>
        <translation>Import customers</translation>
    </message>
    <message>
        <source>Import terminé : %1 lignes refusées.</source>
        <translation>Import finished: %1 rows rejected.</translation>
    </message>
    <message>
        <source>Exporter le répertoire</source>
        <translation>Export the directory</translation>
    </message>
    <message>
        <source>Fichier CSV (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <source>Répertoire exporté dans %1</source>
        <translation>Directory exported to %1</translation>
    </message>
    <message>
        <source>Export en cours…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Importer des clients d&apos;un fichier CSV ou vCard</source>
        <translation>Import customers from a CSV or vCard file</translation>
    </message>
    <message>
        <source>Exporter le répertoire en CSV ou vCard</source>
        <translation>Export the directory as CSV or vCard</translation>
    </message>
    <message>
        <source>Fichiers clients (*.csv *.vcf);;Tous les fichiers (*)</source>
        <translation>Customer files (*.csv *.vcf);;All files (*)</translation>
    </message>
    <message>
        <source>Fichier vCard, pour un téléphone ou une messagerie (*.vcf)</source>
        <translation>vCard file, for a phone or a mail program (*.vcf)</translation>
    </message>
    <message>
        <source>Import terminé : %1 fiches refusées.</source>
        <translation>Import done: %1 cards rejected.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <source>Ce client existe peut-être déjà :</source>
        <translation>This customer may already exist:</translation>
    </message>
    <message>
        <source>Ces clients existent peut-être déjà :</source>
        <translation>These customers may already exist:</translation>
    </message>
    <message>
        <source>Ouvrir ce client</source>
        <translation>Open this customer</translation>
    </message>
</context>
<context>
    <name>ErrorDisplay</name>
    <message>
        <source>Une erreur inattendue est survenue ; rien n&apos;a été enregistré. Le détail est dans le journal de l&apos;application.</source>
        <translation>An unexpected error occurred; nothing was saved. The details are in the application log.</translation>
    </message>
    <message>
        <source>Problème d&apos;environnement</source>
        <translation>Environment problem</translation>
    </message>
    <message>
        <source>Impossible</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>GeneralSettingsPage</name>
    <message>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>La nouvelle langue s&apos;applique au prochain démarrage.</source>
        <translation>The new language applies at the next start.</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Nouveau groupe client</source>
        <translation>New customer group</translation>
    </message>
    <message>
        <source>Modifier le groupe</source>
        <translation>Edit group</translation>
    </message>
    <message>
        <source>aucune</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Remise permanente en %, de 0 à 100, deux décimales au plus : chaque client du groupe en bénéficie à chacun de ses passages.</source>
        <translation>Permanent discount in %, from 0 to 100, at most two decimals: every customer of the group gets it at every visit.</translation>
    </message>
    <message>
        <source>Nom du groupe</source>
        <translation>Group name</translation>
    </message>
    <message>
        <source>Remise automatique</source>
        <translation>Automatic discount</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GroupsModel</name>
    <message>
        <source>Groupe client</source>
        <translation>Customer group</translation>
    </message>
    <message>
        <source>Remise automatique</source>
        <translation>Automatic discount</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Supprimer ce groupe client (Suppr)</source>
        <translation>Delete this customer group (Del)</translation>
    </message>
</context>
<context>
    <name>GroupsPage</name>
    <message>
        <source>Les clients d&apos;un groupe bénéficient de sa remise automatique à chaque passage.</source>
        <translation>A group&apos;s customers get its automatic discount at every visit.</translation>
    </message>
    <message>
        <source>Voir les membres</source>
        <translation>Show members</translation>
    </message>
    <message>
        <source>Afficher les clients de ce groupe (Ctrl+M)</source>
        <translation>Show this group&apos;s customers (Ctrl+M)</translation>
    </message>
    <message>
        <source>Modifier…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Modifier le nom ou la remise (Entrée)</source>
        <translation>Change the name or the discount (Enter)</translation>
    </message>
    <message>
        <source>Nouveau groupe client (Ctrl+N)</source>
        <translation>New customer group (Ctrl+N)</translation>
    </message>
    <message>
        <source>Nouveau groupe client</source>
        <translation>New customer group</translation>
    </message>
    <message>
        <source>Groupe client enregistré : %1</source>
        <translation>Customer group saved: %1</translation>
    </message>
    <message>
        <source>Groupe client supprimé : %1</source>
        <translation>Customer group deleted: %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importer des clients</source>
        <translation>Import customers</translation>
    </message>
    <message>
        <source>Fichier : %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>Ligne</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Motif du refus</source>
        <translation>Reason rejected</translation>
    </message>
    <message>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Enregistrer le rapport…</source>
        <translation>Save the report…</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 lignes lues…</source>
        <translation>%1 rows read…</translation>
    </message>
    <message>
        <source>Arrêt de l&apos;import…</source>
        <translation>Stopping the import…</translation>
    </message>
    <message>
        <source>Import annulé : rien n&apos;a été enregistré.</source>
        <translation>Import cancelled: nothing was saved.</translation>
    </message>
    <message>
        <source>Clients importés : %1.</source>
        <translation>Customers imported: %1.</translation>
    </message>
    <message>
        <source>Lignes refusées : %1.</source>
        <translation>Rows rejected: %1.</translation>
    </message>
    <message>
        <source>Groupes créés : %1.</source>
        <translation>Groups created: %1.</translation>
    </message>
    <message>
        <source>Enregistrer le rapport</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Fichier CSV (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <source>Fiches refusées : %1.</source>
        <translation>Cards rejected: %1.</translation>
    </message>
    <message>
        <source>Propriété</source>
        <translation>Property</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>POS Clients</source>
        <translation>POS Clients</translation>
    </message>
    <message>
        <source>Répertoire</source>
        <translation>Directory</translation>
    </message>
    <message>
        <source>Groupes client</source>
        <translation>Customer groups</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Caisse</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Général</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Imprimantes</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Réglages</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Base de données : %1</source>
        <translation>Database: %1</translation>
    </message>
</context>
</TS>
