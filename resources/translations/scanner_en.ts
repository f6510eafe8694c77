<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>ScanDispatcher</name>
    <message>
        <location filename="../../pos_clients/ui/scanner_dispatch.py" line="116"/>
        <source>Le code scanné n&apos;a pas pu être lu : %1</source>
        <translation>The scanned code could not be read: %1</translation>
    </message>
</context>
<context>
    <name>Scanners</name>
    <message>
        <location filename="../../pos_clients/ui/scanner_setup.py" line="52"/>
        <source>Douchettes</source>
        <translation>Scanners</translation>
    </message>
</context>
<context>
    <name>ScannersPage</name>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="64"/>
        <source>Ajouter une douchette USB</source>
        <translation>Add a USB scanner</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="65"/>
        <source>Ajouter une douchette série</source>
        <translation>Add a serial scanner</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="66"/>
        <source>Ajouter une douchette clavier</source>
        <translation>Add a keyboard scanner</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="67"/>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="81"/>
        <source>Rechercher les appareils</source>
        <translation>Find devices</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="87"/>
        <source>QWERTY (États-Unis)</source>
        <translation>QWERTY (United States)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="88"/>
        <source>AZERTY (France)</source>
        <translation>AZERTY (France)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="100"/>
        <source>Active</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="102"/>
        <source>Type</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="103"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="104"/>
        <source>Appareil</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="105"/>
        <source>Disposition du clavier de la douchette</source>
        <translation>Scanner&apos;s keyboard layout</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="106"/>
        <source>Vitesse (bauds)</source>
        <translation>Speed (baud)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="107"/>
        <source>Suffixe</source>
        <translation>Suffix</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="108"/>
        <source>Délai maximal entre deux touches</source>
        <translation>Longest gap between two keys</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="109"/>
        <source>Longueur minimale d&apos;un code</source>
        <translation>Shortest code</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="110"/>
        <source>Préfixe envoyé par la douchette</source>
        <translation>Prefix sent by the scanner</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="112"/>
        <source>Douchette</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="116"/>
        <source>Lire « &amp;&amp;é&quot;&apos;( » comme des chiffres (12345)</source>
        <translation>Read “&amp;&amp;é&quot;&apos;(” as digits (12345)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="119"/>
        <source>Préfixe des cartes de fidélité</source>
        <translation>Loyalty card prefix</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="121"/>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="127"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="130"/>
        <source>Scannez un code…</source>
        <translation>Scan a code…</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="136"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="154"/>
        <source>USB (evdev)</source>
        <translation>USB (evdev)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="155"/>
        <source>Série / USB-CDC</source>
        <translation>Serial / USB-CDC</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="156"/>
        <source>Clavier (dans la fenêtre)</source>
        <translation>Keyboard (in the window)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="205"/>
        <source>Retour chariot (CR)</source>
        <translation>Carriage return (CR)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="206"/>
        <source>Saut de ligne (LF)</source>
        <translation>Line feed (LF)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="207"/>
        <source>CR + LF</source>
        <translation>CR + LF</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="208"/>
        <location filename="../../pos_clients/ui/scanners_page.py" line="214"/>
        <source>Tabulation</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="209"/>
        <source>Aucun (fin après un silence)</source>
        <translation>None (ends after a silence)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="213"/>
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="215"/>
        <source>Entrée ou tabulation</source>
        <translation>Enter or Tab</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="289"/>
        <source>Recherche des appareils impossible : %1</source>
        <translation>Cannot look for devices: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="318"/>
        <source>Réglages non enregistrés : %1</source>
        <translation>Settings not saved: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="337"/>
        <source>Code lu : %1 (%2)</source>
        <translation>Code read: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="340"/>
        <source>carte client de %1</source>
        <translation>customer card of %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="342"/>
        <source>article</source>
        <translation>item</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="344"/>
        <source>code inconnu</source>
        <translation>unknown code</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="346"/>
        <source>refusé : %1</source>
        <translation>refused: %1</translation>
    </message>
    <message>
        <location filename="../../pos_clients/ui/scanners_page.py" line="347"/>
        <source>Classement : %1</source>
        <translation>Classified as: %1</translation>
    </message>
</context>
</TS>
