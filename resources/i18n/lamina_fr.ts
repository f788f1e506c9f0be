<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Annotations</name>
    <message>
        <source>Add %1</source>
        <translation>Ajouter %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n annotation(s)</source>
        <translation>
            <numerusform>Supprimer %n annotation</numerusform>
            <numerusform>Supprimer %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message>
        <source>Delete layer %1</source>
        <translation>Supprimer le calque %1</translation>
    </message>
    <message>
        <source>Move layer %1</source>
        <translation>Déplacer le calque %1</translation>
    </message>
    <message>
        <source>Edit classes</source>
        <translation>Modifier les classes</translation>
    </message>
</context>
<context>
    <name>PluginOverlay</name>
    <message>
        <source>running %1/%2</source>
        <translation>en cours %L1/%L2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>the system keychain: %1</source>
        <translation>le trousseau du système : %1</translation>
    </message>
    <message>
        <source>the system keychain&apos;s entry for this archive was not written by Lamina</source>
        <translation>l&apos;entrée du trousseau du système pour cette archive n&apos;a pas été écrite par Lamina</translation>
    </message>
    <message>
        <source>labels 1, 2, 3 …; 0 not drawn</source>
        <translation>étiquettes 1, 2, 3 … ; 0 non dessiné</translation>
    </message>
    <message>
        <source>Slides (%1);;DICOM instances (*.dcm);;All files (*)</source>
        <translation>Lames (%1);;Instances DICOM (*.dcm);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Drag to draw a rectangle</source>
        <translation>Faites glisser pour tracer un rectangle</translation>
    </message>
    <message>
        <source>Ellipse</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>Drag to draw an ellipse</source>
        <translation>Faites glisser pour tracer une ellipse</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Paint onto the selected region (or a new one); [ and ] change the size</source>
        <translation>Peindre sur la région sélectionnée (ou une nouvelle) ; [ et ] changent la taille</translation>
    </message>
    <message>
        <source>Erase from the selected region (or any region crossed); [ and ] change the size</source>
        <translation>Effacer dans la région sélectionnée (ou toute région traversée) ; [ et ] changent la taille</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Free-hand</source>
        <translation>Main levée</translation>
    </message>
    <message>
        <source>Drag around a region; release to close it</source>
        <translation>Faites glisser autour d&apos;une région ; relâchez pour la fermer</translation>
    </message>
    <message>
        <source>Add point</source>
        <translation>Ajouter un point</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <source>Click vertices; click the first one, double-click or press Enter to close</source>
        <translation>Cliquez les sommets ; cliquez le premier, double-cliquez ou appuyez sur Entrée pour fermer</translation>
    </message>
    <message>
        <source>Polyline</source>
        <translation>Polyligne</translation>
    </message>
    <message>
        <source>Click vertices of an open line; double-click or press Enter to end</source>
        <translation>Cliquez les sommets d&apos;une ligne ouverte ; double-cliquez ou appuyez sur Entrée pour finir</translation>
    </message>
    <message>
        <source>Ruler</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Drag to measure a length</source>
        <translation>Faites glisser pour mesurer une longueur</translation>
    </message>
    <message numerus="yes">
        <source>Move %n annotation(s)</source>
        <translation>
            <numerusform>Déplacer %n annotation</numerusform>
            <numerusform>Déplacer %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Sélection</translation>
    </message>
    <message>
        <source>Click or drag a box to select (Shift adds); drag a selection to move it; Delete removes it</source>
        <translation>Cliquez ou tracez un cadre pour sélectionner (Maj ajoute) ; faites glisser une sélection pour la déplacer ; Suppr la supprime</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>Supprimer un sommet</translation>
    </message>
    <message>
        <source>Insert vertex</source>
        <translation>Insérer un sommet</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>Déplacer un sommet</translation>
    </message>
    <message>
        <source>Edit Vertices</source>
        <translation>Modifier les sommets</translation>
    </message>
    <message>
        <source>Drag a vertex to move it; double-click an edge to add one; Alt+click or Delete removes the one under the cursor</source>
        <translation>Faites glisser un sommet pour le déplacer ; double-cliquez un côté pour en ajouter un ; Alt+clic ou Suppr retire celui sous le curseur</translation>
    </message>
    <message>
        <source>%1 (pixel size entered by the user)</source>
        <translation>%1 (taille de pixel saisie par l&apos;utilisateur)</translation>
    </message>
    <message>
        <source>scale unknown (no MPP)</source>
        <translation>échelle inconnue (pas de MPP)</translation>
    </message>
    <message>
        <source>Click to count into the selected point set (a new set when none of this class is selected); Shift+click starts a new set</source>
        <translation>Cliquez pour compter dans l&apos;ensemble de points sélectionné (un nouvel ensemble si aucun de cette classe n&apos;est sélectionné) ; Maj+clic commence un nouvel ensemble</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>(unclassified)</source>
        <translation>(sans classe)</translation>
    </message>
    <message>
        <source>No annotations measured.</source>
        <translation>Aucune annotation mesurée.</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>Pathology report</source>
        <translation>Compte rendu d&apos;anatomopathologie</translation>
    </message>
    <message>
        <source>Pathology report (preliminary)</source>
        <translation>Compte rendu d&apos;anatomopathologie (provisoire)</translation>
    </message>
    <message>
        <source>Slide:</source>
        <translation>Lame :</translation>
    </message>
    <message>
        <source>Slide id:</source>
        <translation>Identifiant de la lame :</translation>
    </message>
    <message>
        <source>Study UID:</source>
        <translation>UID de l&apos;étude :</translation>
    </message>
    <message>
        <source>Series UID:</source>
        <translation>UID de la série :</translation>
    </message>
    <message>
        <source>Issued:</source>
        <translation>Émis le :</translation>
    </message>
    <message>
        <source>Snapshots:</source>
        <translation>Captures :</translation>
    </message>
    <message>
        <source>Pixel size entered by the user: %1 µm per pixel. The slide&apos;s file states none; every length and area below depends on this value.</source>
        <translation>Taille de pixel saisie par l&apos;utilisateur : %1 µm par pixel. Le fichier de la lame n&apos;en indique aucune ; chaque longueur et surface ci-dessous dépend de cette valeur.</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>No conclusion written.</source>
        <translation>Aucune conclusion rédigée.</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <source>Snapshot %1</source>
        <translation>Capture %1</translation>
    </message>
    <message>
        <source>Region %1, %2, %3 × %4 level-0 pixels.</source>
        <translation>Région %L1, %L2, %L3 × %L4 pixels du niveau 0.</translation>
    </message>
    <message>
        <source>Slide label</source>
        <translation>Étiquette de la lame</translation>
    </message>
    <message>
        <source>Warning: the slide label may identify the patient.</source>
        <translation>Attention : l&apos;étiquette de la lame peut identifier le patient.</translation>
    </message>
    <message>
        <source>It was included at the user&apos;s explicit request.</source>
        <translation>Elle a été incluse à la demande explicite de l&apos;utilisateur.</translation>
    </message>
</context>
<context>
    <name>ShapeKind</name>
    <message>
        <source>point</source>
        <translation>point</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>line</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>polyline</source>
        <translation>polyligne</translation>
    </message>
    <message>
        <source>rectangle</source>
        <translation>rectangle</translation>
    </message>
    <message>
        <source>ellipse</source>
        <translation>ellipse</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>polygone</translation>
    </message>
</context>
<context>
    <name>SlideLocation</name>
    <message>
        <source>%1 · series …%2</source>
        <translation>%1 · série …%2</translation>
    </message>
</context>
<context>
    <name>lamina::AboutDialog</name>
    <message>
        <source>%1 (analysis plugins)</source>
        <translation>%1 (modules d&apos;analyse)</translation>
    </message>
    <message>
        <source>For research and education. Lamina is not a certified medical device: it must not be used on its own to make a diagnosis.</source>
        <translation>Pour la recherche et l&apos;enseignement. Lamina n&apos;est pas un dispositif médical certifié : il ne doit pas servir seul à poser un diagnostic.</translation>
    </message>
    <message>
        <source>About Lamina</source>
        <translation>À propos de Lamina</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Lamina %1&lt;/h2&gt;&lt;p&gt;Whole-slide image viewer and annotation workstation for pathology.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Intended use:&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;Apache License 2.0&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Lamina %1&lt;/h2&gt;&lt;p&gt;Visionneuse de lames entières et poste d&apos;annotation pour l&apos;anatomopathologie.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Usage prévu :&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;Licence Apache 2.0&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>lamina::AnnotationActions</name>
    <message>
        <source>&amp;Import Annotations…</source>
        <translation>&amp;Importer des annotations…</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>Importer des annotations</translation>
    </message>
    <message>
        <source>Annotations (*.geojson *.json *.xml);;All files (*)</source>
        <translation>Annotations (*.geojson *.json *.xml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Export Annotations…</source>
        <translation>&amp;Exporter les annotations…</translation>
    </message>
    <message>
        <source>Export annotations</source>
        <translation>Exporter les annotations</translation>
    </message>
    <message>
        <source>QuPath GeoJSON (*.geojson);;ASAP XML (*.xml)</source>
        <translation>GeoJSON QuPath (*.geojson);;XML ASAP (*.xml)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>&amp;Snapshot…</source>
        <translation>&amp;Capture…</translation>
    </message>
    <message>
        <source>&amp;Large Region…</source>
        <translation>&amp;Grande région…</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>&amp;Compte rendu…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>Copy &amp;Snapshot</source>
        <translation>Copier une ca&amp;pture</translation>
    </message>
    <message>
        <source>Copy the view, with its annotations and a scale bar, as an image</source>
        <translation>Copier la vue, avec ses annotations et une barre d&apos;échelle, comme image</translation>
    </message>
    <message>
        <source>Annotation C&amp;lasses…</source>
        <translation>C&amp;lasses d&apos;annotation…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>Annotation tools</source>
        <translation>Outils d&apos;annotation</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>Naviguer</translation>
    </message>
    <message>
        <source>Drag to pan</source>
        <translation>Faites glisser pour vous déplacer</translation>
    </message>
    <message>
        <source>Class given to new annotations</source>
        <translation>Classe donnée aux nouvelles annotations</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Sans classe</translation>
    </message>
    <message>
        <source>Snapshot copied: %1 × %2 pixels%3</source>
        <translation>Capture copiée : %L1 × %L2 pixels%3</translation>
    </message>
    <message>
        <source>, %1 µm per pixel</source>
        <translation>, %L1 µm par pixel</translation>
    </message>
    <message>
        <source>No snapshot: %1</source>
        <translation>Pas de capture : %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n annotation(s)</source>
        <translation>
            <numerusform>%n annotation copiée</numerusform>
            <numerusform>%n annotations copiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n annotation(s)</source>
        <translation>
            <numerusform>%n annotation collée</numerusform>
            <numerusform>%n annotations collées</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no annotations: %1</source>
        <translation>Le presse-papiers ne contient pas d&apos;annotations : %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s) from %1 as a new layer</source>
        <translation>
            <numerusform>%n annotation importée de %1 dans un nouveau calque</numerusform>
            <numerusform>%n annotations importées de %1 dans un nouveau calque</numerusform>
        </translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Échec de l&apos;importation : %1</translation>
    </message>
    <message>
        <source>Annotations exported to %1</source>
        <translation>Annotations exportées vers %1</translation>
    </message>
    <message>
        <source>Annotations exported to %1 (not kept in this format: %2)</source>
        <translation>Annotations exportées vers %1 (non conservé dans ce format : %2)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;exportation : %1</translation>
    </message>
    <message>
        <source>Slide as &amp;DICOM…</source>
        <translation>Lame en &amp;DICOM…</translation>
    </message>
    <message>
        <source>Send to Ar&amp;chive…</source>
        <translation>Envoyer à l&apos;ar&amp;chive…</translation>
    </message>
    <message>
        <source>Put this slide into the shared DICOM archive (teaching, research)</source>
        <translation>Verser cette lame dans l&apos;archive DICOM partagée (enseignement, recherche)</translation>
    </message>
</context>
<context>
    <name>lamina::AnnotationListPanel</name>
    <message>
        <source>Filter by name, note or class</source>
        <translation>Filtrer par nom, note ou classe</translation>
    </message>
    <message>
        <source>Show one class</source>
        <translation>Afficher une seule classe</translation>
    </message>
    <message>
        <source>Show one layer</source>
        <translation>Afficher un seul calque</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Toutes les classes</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Sans classe</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>Tous les calques</translation>
    </message>
    <message>
        <source>Zoom To</source>
        <translation>Zoomer dessus</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Set Class</source>
        <translation>Changer la classe</translation>
    </message>
    <message numerus="yes">
        <source>Set class of %n annotation(s)</source>
        <translation>
            <numerusform>Changer la classe de %n annotation</numerusform>
            <numerusform>Changer la classe de %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <source>Set Colour…</source>
        <translation>Changer la couleur…</translation>
    </message>
    <message>
        <source>Annotation colour</source>
        <translation>Couleur de l&apos;annotation</translation>
    </message>
    <message>
        <source>Set colour</source>
        <translation>Changer la couleur</translation>
    </message>
    <message>
        <source>Use Class Colour</source>
        <translation>Couleur de la classe</translation>
    </message>
    <message>
        <source>Use class colour</source>
        <translation>Utiliser la couleur de la classe</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrou</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>lamina::AnnotationSession</name>
    <message numerus="yes">
        <source>Paste %n annotation(s)</source>
        <translation>
            <numerusform>Coller %n annotation</numerusform>
            <numerusform>Coller %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
</context>
<context>
    <name>lamina::AnnotationTableModel</name>
    <message>
        <source>Unclassified</source>
        <translation>Sans classe</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillée</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Calque</translation>
    </message>
    <message>
        <source>Area (µm²)</source>
        <translation>Surface (µm²)</translation>
    </message>
    <message>
        <source>Area (px²)</source>
        <translation>Surface (px²)</translation>
    </message>
    <message>
        <source>Length (µm)</source>
        <translation>Longueur (µm)</translation>
    </message>
    <message>
        <source>Length (px)</source>
        <translation>Longueur (px)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Rename annotation</source>
        <translation>Renommer l&apos;annotation</translation>
    </message>
</context>
<context>
    <name>lamina::ArchiveSignInBox</name>
    <message>
        <source>DICOMweb archive</source>
        <translation>Archive DICOMweb</translation>
    </message>
    <message>
        <source>The archive&apos;s DICOMweb address, or the address of one series (…/studies/UID/series/UID) to open it directly</source>
        <translation>L&apos;adresse DICOMweb de l&apos;archive, ou l&apos;adresse d&apos;une série (…/studies/UID/series/UID) pour l&apos;ouvrir directement</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <source>No sign-in</source>
        <translation>Sans connexion</translation>
    </message>
    <message>
        <source>Token (bearer)</source>
        <translation>Jeton (bearer)</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Nom d&apos;utilisateur et mot de passe</translation>
    </message>
    <message>
        <source>Sign in with:</source>
        <translation>Se connecter avec :</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton :</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d&apos;utilisateur :</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>Mémoriser dans le trousseau du système</translation>
    </message>
    <message>
        <source>Keep the token or password in the operating system&apos;s keychain (saved after a successful search). Untick to forget it.</source>
        <translation>Garder le jeton ou le mot de passe dans le trousseau du système d&apos;exploitation (enregistré après une recherche réussie). Décochez pour l&apos;oublier.</translation>
    </message>
    <message>
        <source>Otherwise passwords and tokens are kept for this session only. Never saved anywhere else, never logged.</source>
        <translation>Sinon, mots de passe et jetons ne sont gardés que pour cette session. Jamais enregistrés ailleurs, jamais journalisés.</translation>
    </message>
    <message>
        <source>Cannot read the sign-in details from %1</source>
        <translation>Impossible de lire les informations de connexion depuis %1</translation>
    </message>
    <message>
        <source>Sign-in details filled in from the system keychain.</source>
        <translation>Informations de connexion remplies depuis le trousseau du système.</translation>
    </message>
    <message>
        <source>The sign-in details are kept for this session only: %1</source>
        <translation>Les informations de connexion ne sont gardées que pour cette session : %1</translation>
    </message>
    <message>
        <source>Sign-in details saved in the system keychain.</source>
        <translation>Informations de connexion enregistrées dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Sign-in details removed from the system keychain.</source>
        <translation>Informations de connexion retirées du trousseau du système.</translation>
    </message>
</context>
<context>
    <name>lamina::ClassEditorDialog</name>
    <message>
        <source>Annotation Classes</source>
        <translation>Classes d&apos;annotation</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Annotations of a removed class become unclassified</source>
        <translation>Les annotations d&apos;une classe retirée deviennent sans classe</translation>
    </message>
    <message>
        <source>Save as My Defaults</source>
        <translation>Enregistrer comme mes classes par défaut</translation>
    </message>
    <message>
        <source>New slides start with these classes</source>
        <translation>Les nouvelles lames commencent avec ces classes</translation>
    </message>
    <message>
        <source>Add Built-in Classes</source>
        <translation>Ajouter les classes intégrées</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Classe %1</translation>
    </message>
    <message>
        <source>Double-click to change the colour</source>
        <translation>Double-cliquez pour changer la couleur</translation>
    </message>
    <message>
        <source>Class colour</source>
        <translation>Couleur de la classe</translation>
    </message>
</context>
<context>
    <name>lamina::DicomExportDialog</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Export Slide as DICOM — %1</source>
        <translation>Exporter la lame en DICOM — %1</translation>
    </message>
    <message>
        <source>A new folder for the DICOM files</source>
        <translation>Un nouveau dossier pour les fichiers DICOM</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>Folder for the DICOM files (new or empty)</source>
        <translation>Dossier des fichiers DICOM (nouveau ou vide)</translation>
    </message>
    <message>
        <source>Choose a folder for the DICOM files.</source>
        <translation>Choisissez un dossier pour les fichiers DICOM.</translation>
    </message>
    <message>
        <source>Writing the DICOM series…</source>
        <translation>Écriture de la série DICOM…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing written.</source>
        <translation>Exportation annulée ; rien n&apos;a été écrit.</translation>
    </message>
    <message numerus="yes">
        <source>Written: %1 (%n DICOM file(s), %2 MB)</source>
        <translation>
            <numerusform>Écrit : %1 (%n fichier DICOM, %2 Mo)</numerusform>
            <numerusform>Écrit : %1 (%n fichiers DICOM, %2 Mo)</numerusform>
        </translation>
    </message>
    <message>
        <source>Pseudonym: %1.</source>
        <translation>Pseudonyme : %1.</translation>
    </message>
</context>
<context>
    <name>lamina::DicomSeriesOptionsBox</name>
    <message>
        <source>Patient name:</source>
        <translation>Nom du patient :</translation>
    </message>
    <message>
        <source>Patient ID:</source>
        <translation>ID patient :</translation>
    </message>
    <message>
        <source>Accession number:</source>
        <translation>Numéro de demande :</translation>
    </message>
    <message>
        <source>Slide identifier:</source>
        <translation>Identifiant de la lame :</translation>
    </message>
    <message>
        <source>Series description:</source>
        <translation>Description de la série :</translation>
    </message>
    <message>
        <source>Patient and specimen</source>
        <translation>Patient et prélèvement</translation>
    </message>
    <message>
        <source>As DICOM writes it: FAMILY^GIVEN</source>
        <translation>Comme l&apos;écrit DICOM : NOM^PRÉNOM</translation>
    </message>
    <message>
        <source>Default: the stain and the file name</source>
        <translation>Par défaut : la coloration et le nom du fichier</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>De-identify (DICOM PS3.15 Basic Profile)</source>
        <translation>Désidentifier (profil de base DICOM PS3.15)</translation>
    </message>
    <message>
        <source>The patient becomes a pseudonym, dates move back by a fixed number of days, identifying attributes and the label are left out, UIDs are replaced</source>
        <translation>Le patient devient un pseudonyme, les dates reculent d&apos;un nombre de jours fixe, les attributs identifiants et l&apos;étiquette sont omis, les UID sont remplacés</translation>
    </message>
    <message>
        <source>a random one (ANON-…)</source>
        <translation>un pseudonyme aléatoire (ANON-…)</translation>
    </message>
    <message>
        <source>Pseudonym:</source>
        <translation>Pseudonyme :</translation>
    </message>
    <message>
        <source>Include the label and overview images (they can show the patient&apos;s name)</source>
        <translation>Inclure l&apos;étiquette et la vue d&apos;ensemble (elles peuvent montrer le nom du patient)</translation>
    </message>
    <message>
        <source>Include a thumbnail image</source>
        <translation>Inclure une vignette</translation>
    </message>
    <message>
        <source>Pixels</source>
        <translation>Pixels</translation>
    </message>
    <message>
        <source>Checking which levels can be copied…</source>
        <translation>Recherche des niveaux copiables…</translation>
    </message>
    <message>
        <source>Copy stored JPEG / JPEG 2000 tiles (lossless)</source>
        <translation>Copier les tuiles JPEG / JPEG 2000 stockées (sans perte)</translation>
    </message>
    <message>
        <source>Encode every tile as JPEG</source>
        <translation>Encoder toutes les tuiles en JPEG</translation>
    </message>
    <message>
        <source>Encode every tile as JPEG 2000 (lossless, larger)</source>
        <translation>Encoder toutes les tuiles en JPEG 2000 (sans perte, plus gros)</translation>
    </message>
    <message>
        <source>quality </source>
        <translation>qualité </translation>
    </message>
    <message>
        <source>JPEG quality of encoded tiles</source>
        <translation>Qualité JPEG des tuiles encodées</translation>
    </message>
    <message>
        <source>JPEG 2000 (lossless)</source>
        <translation>JPEG 2000 (sans perte)</translation>
    </message>
    <message>
        <source>JPEG (quality %1)</source>
        <translation>JPEG (qualité %1)</translation>
    </message>
    <message>
        <source>Every tile is decoded and encoded again as %1.</source>
        <translation>Chaque tuile est décodée puis encodée de nouveau en %1.</translation>
    </message>
    <message>
        <source>No level is stored as JPEG or JPEG 2000 that DICOM can carry as it is: every tile is encoded as %1.</source>
        <translation>Aucun niveau n&apos;est stocké dans un JPEG ou JPEG 2000 que DICOM peut reprendre tel quel : chaque tuile est encodée en %1.</translation>
    </message>
    <message numerus="yes">
        <source>All %n level(s) of the slide are copied without decoding: the pixels stay exactly as scanned. Any smaller levels added (down to 1024 pixels) are encoded as %1.</source>
        <translation>
            <numerusform>Le niveau (%n) de la lame est copié sans décodage : les pixels restent exactement ceux du scanner. Les éventuels niveaux plus petits ajoutés (jusqu&apos;à 1024 pixels) sont encodés en %1.</numerusform>
            <numerusform>Les %n niveaux de la lame sont copiés sans décodage : les pixels restent exactement ceux du scanner. Les éventuels niveaux plus petits ajoutés (jusqu&apos;à 1024 pixels) sont encodés en %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Levels %1 of %2 are copied without decoding (lossless); the others and any smaller levels added are encoded as %3.</source>
        <translation>Les niveaux %1 sur %2 sont copiés sans décodage (sans perte) ; les autres et les éventuels niveaux plus petits ajoutés sont encodés en %3.</translation>
    </message>
    <message>
        <source>replaced: de-identified</source>
        <translation>remplacé : désidentifié</translation>
    </message>
    <message>
        <source>from the slide, if it says; else left empty</source>
        <translation>celui de la lame, s&apos;il est connu ; sinon vide</translation>
    </message>
    <message>
        <source>Pseudonym: %1</source>
        <translation>Pseudonyme : %1</translation>
    </message>
</context>
<context>
    <name>lamina::JobDialog</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
</context>
<context>
    <name>lamina::LayersPanel</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrou</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Calque</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Opacity of the current layer</source>
        <translation>Opacité du calque courant</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add a layer on top</source>
        <translation>Ajouter un calque au-dessus</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the current layer and its annotations (undoable)</source>
        <translation>Retirer le calque courant et ses annotations (annulable)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Draw the current layer above the one over it</source>
        <translation>Dessiner le calque courant au-dessus du suivant</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Draw the current layer below the one under it</source>
        <translation>Dessiner le calque courant sous le précédent</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Layer opacity</source>
        <translation>Opacité du calque</translation>
    </message>
    <message>
        <source>Hide layer</source>
        <translation>Masquer le calque</translation>
    </message>
    <message>
        <source>Show layer</source>
        <translation>Afficher le calque</translation>
    </message>
    <message>
        <source>Unlock layer</source>
        <translation>Déverrouiller le calque</translation>
    </message>
    <message>
        <source>Lock layer</source>
        <translation>Verrouiller le calque</translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>Renommer le calque</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Calque %1</translation>
    </message>
</context>
<context>
    <name>lamina::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Slide info</source>
        <translation>Informations sur la lame</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Calques</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open DICOM &amp;Folder…</source>
        <translation>Ouvrir un &amp;dossier DICOM…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>Open from &amp;Archive…</source>
        <translation>Ouvrir depuis l&apos;&amp;archive…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Slide</source>
        <translation>Ouvrir la lame de dé&amp;monstration</translation>
    </message>
    <message>
        <source>&amp;Close Slide</source>
        <translation>&amp;Fermer la lame</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Magnification %1</source>
        <translation>Grossissement %1</translation>
    </message>
    <message>
        <source>Go to &amp;Magnification…</source>
        <translation>Aller au &amp;grossissement…</translation>
    </message>
    <message>
        <source>Pixel &amp;Size…</source>
        <translation>Taille du &amp;pixel…</translation>
    </message>
    <message>
        <source>&amp;Rotate 90° Clockwise</source>
        <translation>&amp;Pivoter de 90° dans le sens horaire</translation>
    </message>
    <message>
        <source>Rotate 90° &amp;Anticlockwise</source>
        <translation>Pivoter de 90° dans le sens &amp;antihoraire</translation>
    </message>
    <message>
        <source>Rotate &amp;By…</source>
        <translation>Pivoter &amp;de…</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Pivoter</translation>
    </message>
    <message>
        <source>Rotation (degrees, clockwise):</source>
        <translation>Rotation (degrés, sens horaire) :</translation>
    </message>
    <message>
        <source>Reset Ro&amp;tation</source>
        <translation>Réinitialiser la ro&amp;tation</translation>
    </message>
    <message>
        <source>Showing %1</source>
        <translation>Affichage : %1</translation>
    </message>
    <message>
        <source>Focus &amp;Up</source>
        <translation>Mise au point vers le &amp;haut</translation>
    </message>
    <message>
        <source>Focus &amp;Down</source>
        <translation>Mise au point vers le &amp;bas</translation>
    </message>
    <message>
        <source>Retry &amp;Failed Tiles</source>
        <translation>Relire les tuiles en é&amp;chec</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Navigation…</source>
        <translation>&amp;Navigation…</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Drag to pan (flick to glide), wheel or pinch to zoom under the cursor, double-click to zoom in, arrow keys to pan, + and - to zoom, 1-6 for 1.25× to 40×, 0 to fit, M to type a magnification, R / Shift+R to rotate by 90°, right-drag to rotate freely.</source>
        <translation>Faites glisser pour vous déplacer (lancez pour glisser), molette ou pincement pour zoomer sous le curseur, double-clic pour zoomer, flèches pour vous déplacer, + et - pour zoomer, 1 à 6 pour 1,25× à 40×, 0 pour ajuster, M pour saisir un grossissement, R / Maj+R pour pivoter de 90°, glisser avec le bouton droit pour pivoter librement.</translation>
    </message>
    <message>
        <source>&amp;About Lamina</source>
        <translation>&amp;À propos de Lamina</translation>
    </message>
    <message>
        <source>Magnification: pick or type (e.g. 15)</source>
        <translation>Grossissement : choisissez ou saisissez (par ex. 15)</translation>
    </message>
    <message>
        <source>Open slide</source>
        <translation>Ouvrir une lame</translation>
    </message>
    <message>
        <source>Open a DICOM folder (the largest slide series in it)</source>
        <translation>Ouvrir un dossier DICOM (la plus grande série de lame qu&apos;il contient)</translation>
    </message>
    <message>
        <source>Magnification</source>
        <translation>Grossissement</translation>
    </message>
    <message>
        <source>Magnification (×):</source>
        <translation>Grossissement (×) :</translation>
    </message>
    <message>
        <source>Magnification unknown</source>
        <translation>Grossissement inconnu</translation>
    </message>
    <message>
        <source>This slide&apos;s file states neither its pixel size nor its objective power, so its magnification is unknown and the magnification keys cannot work.

If you know the pixel size (from the scanner&apos;s documentation), enter it: measurements, snapshots, exports and reports will then say that it was entered by you.</source>
        <translation>Le fichier de cette lame n&apos;indique ni la taille de ses pixels ni le grossissement de l&apos;objectif : son grossissement est donc inconnu et les touches de grossissement ne peuvent pas fonctionner.

Si vous connaissez la taille du pixel (d&apos;après la documentation du scanner), saisissez-la : les mesures, captures, exportations et comptes rendus indiqueront alors qu&apos;elle a été saisie par vous.</translation>
    </message>
    <message>
        <source>Enter Pixel Size…</source>
        <translation>Saisir la taille du pixel…</translation>
    </message>
    <message>
        <source>Pixel size</source>
        <translation>Taille du pixel</translation>
    </message>
    <message>
        <source>This slide&apos;s file states its pixel size (%1 µm per pixel). Replace it with your own for this slide?</source>
        <translation>Le fichier de cette lame indique la taille de ses pixels (%1 µm par pixel). La remplacer par la vôtre pour cette lame ?</translation>
    </message>
    <message>
        <source>Micrometres per pixel at full resolution (0.25 for a 40× scan; 0 removes yours):</source>
        <translation>Micromètres par pixel à pleine résolution (0,25 pour une numérisation à 40× ; 0 retire la vôtre) :</translation>
    </message>
    <message>
        <source>Pixel size set to %1 µm per pixel (entered by you)</source>
        <translation>Taille du pixel fixée à %1 µm par pixel (saisie par vous)</translation>
    </message>
    <message>
        <source>Pixel size: the file&apos;s own</source>
        <translation>Taille du pixel : celle du fichier</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>&amp;Raccourcis clavier…</translation>
    </message>
</context>
<context>
    <name>lamina::MeasurementsPanel</name>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Every annotation&apos;s measurements, one row each, for a spreadsheet</source>
        <translation>Les mesures de chaque annotation, une ligne chacune, pour un tableur</translation>
    </message>
    <message>
        <source>Class / layer</source>
        <translation>Classe / calque</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Area (mm²)</source>
        <translation>Surface (mm²)</translation>
    </message>
    <message>
        <source>Area (px²)</source>
        <translation>Surface (px²)</translation>
    </message>
    <message>
        <source>Length (µm)</source>
        <translation>Longueur (µm)</translation>
    </message>
    <message>
        <source>Length (px)</source>
        <translation>Longueur (px)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>No slide open.</source>
        <translation>Aucune lame ouverte.</translation>
    </message>
    <message>
        <source>Totals of every annotation, visible or not.</source>
        <translation>Totaux de toutes les annotations, visibles ou non.</translation>
    </message>
    <message>
        <source>This slide has no pixel size (MPP): values are in pixels.</source>
        <translation>Cette lame n&apos;a pas de taille de pixel (MPP) : les valeurs sont en pixels.</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Sans classe</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Toutes les classes</translation>
    </message>
    <message>
        <source>Layer: %1</source>
        <translation>Calque : %1</translation>
    </message>
    <message>
        <source>No slide is open.</source>
        <translation>Aucune lame n&apos;est ouverte.</translation>
    </message>
    <message>
        <source>-measurements.csv</source>
        <translation>-mesures.csv</translation>
    </message>
    <message>
        <source>Export measurements</source>
        <translation>Exporter les mesures</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Totals of every annotation, visible or not. Pixel size entered by you: %1 µm per pixel.</source>
        <translation>Totaux de toutes les annotations, visibles ou non. Taille du pixel saisie par vous : %1 µm par pixel.</translation>
    </message>
</context>
<context>
    <name>lamina::OpenFromArchiveDialog</name>
    <message>
        <source>Open from Archive</source>
        <translation>Ouvrir depuis l&apos;archive</translation>
    </message>
    <message>
        <source>Find slides</source>
        <translation>Rechercher des lames</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <source>Matches names starting with this text</source>
        <translation>Les noms commençant par ce texte</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Identifiant du patient</translation>
    </message>
    <message>
        <source>Matches IDs starting with this text</source>
        <translation>Les identifiants commençant par ce texte</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Date de l&apos;étude</translation>
    </message>
    <message>
        <source>YYYYMMDD, or a range YYYYMMDD-YYYYMMDD</source>
        <translation>AAAAMMJJ, ou un intervalle AAAAMMJJ-AAAAMMJJ</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Numéro d&apos;accession</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Accession</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Séries</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instances</translation>
    </message>
    <message>
        <source>Studies with slides:</source>
        <translation>Études avec des lames :</translation>
    </message>
    <message>
        <source>Slides (series) of the selected study:</source>
        <translation>Lames (séries) de l&apos;étude sélectionnée :</translation>
    </message>
    <message>
        <source>Asking the archive…</source>
        <translation>Interrogation de l&apos;archive…</translation>
    </message>
    <message>
        <source>Give the archive&apos;s DICOMweb address first.</source>
        <translation>Indiquez d&apos;abord l&apos;adresse DICOMweb de l&apos;archive.</translation>
    </message>
    <message>
        <source>No study with slides matches.</source>
        <translation>Aucune étude avec des lames ne correspond.</translation>
    </message>
    <message numerus="yes">
        <source>%n study(ies) with slides.</source>
        <translation>
            <numerusform>%n étude avec des lames.</numerusform>
            <numerusform>%n études avec des lames.</numerusform>
        </translation>
    </message>
    <message>
        <source>This study holds no slide microscopy series.</source>
        <translation>Cette étude ne contient aucune série de microscopie de lame.</translation>
    </message>
</context>
<context>
    <name>lamina::OverlayLayersWidget</name>
    <message>
        <source>Fade low values</source>
        <translation>Estomper les valeurs basses</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Analysis overlay</source>
        <translation>Calque d&apos;analyse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Opacity of the current overlay</source>
        <translation>Opacité du calque d&apos;analyse courant</translation>
    </message>
    <message>
        <source>Colour map of the current overlay&apos;s values</source>
        <translation>Palette des valeurs du calque d&apos;analyse courant</translation>
    </message>
    <message>
        <source>Class colours</source>
        <translation>Couleurs des classes</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Bleu</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Vert</translation>
    </message>
    <message>
        <source>Cyan</source>
        <translation>Cyan</translation>
    </message>
    <message>
        <source>Magenta</source>
        <translation>Magenta</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Jaune</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>Noir</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Blanc</translation>
    </message>
    <message>
        <source>Colour of the current overlay&apos;s detection outlines</source>
        <translation>Couleur des contours des détections du calque d&apos;analyse courant</translation>
    </message>
    <message>
        <source>To annotations</source>
        <translation>Vers les annotations</translation>
    </message>
    <message>
        <source>Copy the detections into a new annotation layer that you can edit (undoable)</source>
        <translation>Copier les détections dans un nouveau calque d&apos;annotations modifiable (annulable)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the current overlay and its saved result</source>
        <translation>Retirer le calque d&apos;analyse courant et son résultat enregistré</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <source>Outlines</source>
        <translation>Contours</translation>
    </message>
    <message>
        <source>Make the lowest values transparent, so the tissue shows through</source>
        <translation>Rendre les valeurs les plus basses transparentes, pour laisser voir le tissu</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n detection(s)&lt;br&gt;</source>
        <translation>
            <numerusform>%n détection&lt;br&gt;</numerusform>
            <numerusform>%n détections&lt;br&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove overlay</source>
        <translation>Retirer le calque d&apos;analyse</translation>
    </message>
    <message>
        <source>Remove “%1” and its saved result? Annotations made from it are kept.</source>
        <translation>Retirer « %1 » et son résultat enregistré ? Les annotations qui en sont issues sont conservées.</translation>
    </message>
</context>
<context>
    <name>lamina::OverviewPanel</name>
    <message>
        <source>No slide</source>
        <translation>Aucune lame</translation>
    </message>
</context>
<context>
    <name>lamina::PluginsPanel</name>
    <message>
        <source>Current view</source>
        <translation>Vue courante</translation>
    </message>
    <message>
        <source>Selected annotation</source>
        <translation>Annotation sélectionnée</translation>
    </message>
    <message>
        <source>Whole tissue</source>
        <translation>Tout le tissu</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>%v / %m tiles</source>
        <translation>%v / %m tuiles</translation>
    </message>
    <message>
        <source>Run on</source>
        <translation>Appliquer à</translation>
    </message>
    <message>
        <source>%1 (unavailable)</source>
        <translation>%1 (indisponible)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Unavailable plugins:
%1</source>
        <translation>Modules indisponibles :
%1</translation>
    </message>
    <message>
        <source>No analysis plugins were found. Lamina looks in:
%1</source>
        <translation>Aucun module d&apos;analyse trouvé. Lamina cherche dans :
%1</translation>
    </message>
    <message>
        <source>choose a file…</source>
        <translation>choisir un fichier…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <source>%1: running…</source>
        <translation>%1 : en cours…</translation>
    </message>
    <message>
        <source>the view</source>
        <translation>la vue</translation>
    </message>
    <message>
        <source>current view</source>
        <translation>vue courante</translation>
    </message>
    <message>
        <source>select an area annotation first</source>
        <translation>sélectionnez d&apos;abord une annotation de surface</translation>
    </message>
    <message>
        <source>annotation</source>
        <translation>annotation</translation>
    </message>
    <message>
        <source>annotation %1</source>
        <translation>annotation %1</translation>
    </message>
    <message>
        <source>whole tissue</source>
        <translation>tout le tissu</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>%1 en cours…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message numerus="yes">
        <source>%1: done, %n tile(s)</source>
        <translation>
            <numerusform>%1 : terminé, %n tuile</numerusform>
            <numerusform>%1 : terminé, %n tuiles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n from earlier runs)</source>
        <translation>
            <numerusform> (%n d&apos;exécutions précédentes)</numerusform>
            <numerusform> (%n d&apos;exécutions précédentes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n detection(s)</source>
        <translation>
            <numerusform>, %n détection</numerusform>
            <numerusform>, %n détections</numerusform>
        </translation>
    </message>
    <message>
        <source>. Not saved: %1</source>
        <translation>. Non enregistré : %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué : %2</translation>
    </message>
    <message>
        <source>%1 cancelled; the tiles finished are kept.</source>
        <translation>%1 annulé ; les tuiles terminées sont conservées.</translation>
    </message>
</context>
<context>
    <name>lamina::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>Tile cache:</source>
        <translation>Cache de tuiles :</translation>
    </message>
    <message>
        <source>Default: %1 MiB (1/8 of memory, 256 MiB to 4 GiB)</source>
        <translation>Par défaut : %L1 Mio (1/8 de la mémoire, de 256 Mio à 4 Gio)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Archive slides on disk:</source>
        <translation>Lames d&apos;archive sur disque :</translation>
    </message>
    <message>
        <source>Keeps tiles of slides opened from a DICOMweb archive in your cache
folder, so reopening them is fast. Off by default: they are
patients&apos; images.</source>
        <translation>Garde les tuiles des lames ouvertes depuis une archive DICOMweb dans votre
dossier de cache, pour les rouvrir vite. Désactivé par défaut : ce sont
des images de patients.</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Takes effect when Lamina starts again.</source>
        <translation>Prend effet au prochain démarrage de Lamina.</translation>
    </message>
    <message>
        <source>None: the system&apos;s authorities only</source>
        <translation>Aucune : seules les autorités du système</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Certificate authority to trust</source>
        <translation>Autorité de certification à accepter</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Archive certificate authority:</source>
        <translation>Autorité de certification de l’archive :</translation>
    </message>
    <message>
        <source>Only if your IT gives you one for an in-house archive (PEM file).
Archive certificates are always checked; this adds an authority
they may be signed by.</source>
        <translation>Seulement si votre service informatique vous en fournit une pour une
archive interne (fichier PEM). Les certificats des archives sont toujours
vérifiés ; ceci ajoute une autorité qui peut les avoir signés.</translation>
    </message>
    <message>
        <source>%1 holds no certificate (a PEM file is expected).</source>
        <translation>%1 ne contient aucun certificat (un fichier PEM est attendu).</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 n’existe pas.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
</context>
<context>
    <name>lamina::PyramidMenus</name>
    <message>
        <source>Focal &amp;Plane</source>
        <translation>&amp;Plan focal</translation>
    </message>
    <message>
        <source>&amp;Optical Path</source>
        <translation>Chemin &amp;optique</translation>
    </message>
    <message>
        <source>plane %1</source>
        <translation>plan %1</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
</context>
<context>
    <name>lamina::RegionExportDialog</name>
    <message>
        <source>Export Large Region — %1</source>
        <translation>Exportation d&apos;une grande région — %1</translation>
    </message>
    <message>
        <source>The view as displayed</source>
        <translation>La vue telle qu&apos;affichée</translation>
    </message>
    <message>
        <source>Selected annotations, with a margin</source>
        <translation>Les annotations sélectionnées, avec une marge</translation>
    </message>
    <message>
        <source>The whole slide</source>
        <translation>La lame entière</translation>
    </message>
    <message>
        <source>Slide image</source>
        <translation>Image de la lame</translation>
    </message>
    <message>
        <source>Slide image with annotation outlines</source>
        <translation>Image de la lame avec les contours des annotations</translation>
    </message>
    <message>
        <source>Label mask of the annotations (one value per class)</source>
        <translation>Masque des annotations (une valeur par classe)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Pyramidal TIFF to write (.tif)</source>
        <translation>TIFF pyramidal à écrire (.tif)</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Zone :</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Résolution :</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>Contenu :</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Sortie :</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>&amp;Cancel Export</source>
        <translation>&amp;Annuler l&apos;exportation</translation>
    </message>
    <message>
        <source>Export region</source>
        <translation>Exporter la région</translation>
    </message>
    <message>
        <source>Pyramidal TIFF (*.tif *.tiff)</source>
        <translation>TIFF pyramidal (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>%1 × %2 pixels (%3 megapixels), tiles of 512, levels 4× apart.</source>
        <translation>%L1 × %L2 pixels (%L3 mégapixels), tuiles de 512, niveaux espacés de 4×.</translation>
    </message>
    <message>
        <source>Choose where to write the TIFF.</source>
        <translation>Choisissez où écrire le TIFF.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportation…</translation>
    </message>
    <message>
        <source>Written: %1 (%2 × %3 pixels, %4 levels, %5 MB)</source>
        <translation>Écrit : %1 (%L2 × %L3 pixels, %L4 niveaux, %L5 Mo)</translation>
    </message>
    <message>
        <source>Export cancelled; nothing written.</source>
        <translation>Exportation annulée ; rien n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>lamina::ReportDialog</name>
    <message>
        <source>Include the slide label image</source>
        <translation>Inclure l&apos;image de l&apos;étiquette de la lame</translation>
    </message>
    <message>
        <source>Also write a PDF sheet beside it</source>
        <translation>Écrire aussi une fiche PDF à côté</translation>
    </message>
    <message>
        <source>Report — %1</source>
        <translation>Compte rendu — %1</translation>
    </message>
    <message>
        <source>Add the &amp;View</source>
        <translation>Ajouter la &amp;vue</translation>
    </message>
    <message>
        <source>Add the &amp;Selected Annotations</source>
        <translation>Ajouter les annotations &amp;sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Conclusion (written into the report as it is)</source>
        <translation>Conclusion (écrite telle quelle dans le compte rendu)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; the slide label may show the patient&apos;s name or record number. It will be in the bundle and the PDF.</source>
        <translation>&lt;b&gt;Attention :&lt;/b&gt; l&apos;étiquette de la lame peut montrer le nom ou le numéro de dossier du patient. Elle figurera dans le bundle et le PDF.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Snapshot resolution:</source>
        <translation>Résolution des captures :</translation>
    </message>
    <message>
        <source>Snapshots:</source>
        <translation>Captures :</translation>
    </message>
    <message>
        <source>Conclusion:</source>
        <translation>Conclusion :</translation>
    </message>
    <message>
        <source>FHIR bundle:</source>
        <translation>Bundle FHIR :</translation>
    </message>
    <message>
        <source>&amp;Write Report</source>
        <translation>&amp;Écrire le compte rendu</translation>
    </message>
    <message>
        <source>Write report</source>
        <translation>Écrire le compte rendu</translation>
    </message>
    <message>
        <source>FHIR R4 Bundle (*.json)</source>
        <translation>Bundle FHIR R4 (*.json)</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>Compte rendu écrit</translation>
    </message>
    <message>
        <source>The report was written to:
%1</source>
        <translation>Le compte rendu a été écrit dans :
%1</translation>
    </message>
    <message>
        <source>The report was written to:
%1
%2</source>
        <translation>Le compte rendu a été écrit dans :
%1
%2</translation>
    </message>
    <message>
        <source>Open Bundle</source>
        <translation>Ouvrir le bundle</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>Ouvrir le PDF</translation>
    </message>
    <message>
        <source>Show Folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Unclassified</source>
        <translation>Sans classe</translation>
    </message>
    <message numerus="yes">
        <source>and %n more measurement(s)</source>
        <translation>
            <numerusform>et %n autre mesure</numerusform>
            <numerusform>et %n autres mesures</numerusform>
        </translation>
    </message>
    <message>
        <source>no annotations measured</source>
        <translation>aucune annotation mesurée</translation>
    </message>
    <message numerus="yes">
        <source>%n snapshot(s).</source>
        <translation>
            <numerusform>%n capture.</numerusform>
            <numerusform>%n captures.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add at least one snapshot.</source>
        <translation>Ajoutez au moins une capture.</translation>
    </message>
    <message>
        <source>Choose where to write the bundle.</source>
        <translation>Choisissez où écrire le bundle.</translation>
    </message>
    <message>
        <source>Written: %1%2</source>
        <translation>Écrit : %1%2</translation>
    </message>
</context>
<context>
    <name>lamina::ResolutionEditor</name>
    <message>
        <source>Magnification</source>
        <translation>Grossissement</translation>
    </message>
    <message>
        <source>µm per pixel</source>
        <translation>µm par pixel</translation>
    </message>
    <message>
        <source>Width in pixels</source>
        <translation>Largeur en pixels</translation>
    </message>
    <message>
        <source> µm/px</source>
        <translation> µm/px</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
</context>
<context>
    <name>lamina::SendToArchiveDialog</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Open the archive copy with this slide&apos;s annotations</source>
        <translation>Ouvrir la copie de l&apos;archive avec les annotations de cette lame</translation>
    </message>
    <message>
        <source>Send to Archive — %1</source>
        <translation>Envoyer à l&apos;archive — %1</translation>
    </message>
    <message>
        <source>Teaching</source>
        <translation>Enseignement</translation>
    </message>
    <message>
        <source>Research</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Written into the series. Teaching and research de-identify the slide unless you untick it.</source>
        <translation>Inscrit dans la série. Enseignement et recherche désidentifient la lame, sauf si vous décochez.</translation>
    </message>
    <message>
        <source>The annotations and analysis results made here are copied to the archive copy on this computer. They are not sent to the archive.</source>
        <translation>Les annotations et résultats d&apos;analyse faits ici sont copiés sur la copie de l&apos;archive, sur cet ordinateur. Ils ne sont pas envoyés à l&apos;archive.</translation>
    </message>
    <message>
        <source>Slide of interest</source>
        <translation>Lame d&apos;intérêt</translation>
    </message>
    <message>
        <source>Shared for:</source>
        <translation>Partagée pour :</translation>
    </message>
    <message>
        <source>&amp;Open Archive Copy</source>
        <translation>&amp;Ouvrir la copie de l&apos;archive</translation>
    </message>
    <message>
        <source>Give the archive&apos;s DICOMweb address first.</source>
        <translation>Indiquez d&apos;abord l&apos;adresse DICOMweb de l&apos;archive.</translation>
    </message>
    <message>
        <source>Converting to DICOM…</source>
        <translation>Conversion en DICOM…</translation>
    </message>
    <message>
        <source>Sending cancelled. Send Again sends only what the archive lacks.</source>
        <translation>Envoi annulé. « Envoyer de nouveau » n&apos;envoie que ce qui manque à l&apos;archive.</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Envoi vers %1…</translation>
    </message>
    <message numerus="yes">
        <source>The archive holds the slide: %n instance(s) sent (%1 MB)</source>
        <translation>
            <numerusform>L&apos;archive détient la lame : %n instance envoyée (%1 Mo)</numerusform>
            <numerusform>L&apos;archive détient la lame : %n instances envoyées (%1 Mo)</numerusform>
        </translation>
    </message>
    <message>
        <source>Pseudonym: %1.</source>
        <translation>Pseudonyme : %1.</translation>
    </message>
    <message>
        <source>The archive copy opens with this slide&apos;s annotations.</source>
        <translation>La copie de l&apos;archive s&apos;ouvre avec les annotations de cette lame.</translation>
    </message>
    <message>
        <source>The archive copy already had annotations on this computer: they were kept, not replaced.</source>
        <translation>La copie de l&apos;archive avait déjà des annotations sur cet ordinateur : elles sont gardées, non remplacées.</translation>
    </message>
    <message>
        <source>The annotations were not copied: %1</source>
        <translation>Les annotations n&apos;ont pas été copiées : %1</translation>
    </message>
    <message>
        <source>&amp;Send Again</source>
        <translation>Envoyer de &amp;nouveau</translation>
    </message>
    <message>
        <source>Sends only what the archive lacks</source>
        <translation>N&apos;envoie que ce qui manque à l&apos;archive</translation>
    </message>
    <message numerus="yes">
        <source>(%n already in the archive)</source>
        <translation>
            <numerusform>(%n déjà dans l&apos;archive)</numerusform>
            <numerusform>(%n déjà dans l&apos;archive)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lamina::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Search actions, menus or keys…</source>
        <translation>Chercher une action, un menu ou une touche…</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
</context>
<context>
    <name>lamina::SlideDocuments</name>
    <message>
        <source>Cannot read the sign-in details from %1</source>
        <translation>Impossible de lire les informations de connexion depuis %1</translation>
    </message>
    <message>
        <source>Opening %1 from the archive…</source>
        <translation>Ouverture de %1 depuis l&apos;archive…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Writing the demo slide (once)…</source>
        <translation>Écriture de la lame de démonstration (une seule fois)…</translation>
    </message>
    <message>
        <source>Demo slide</source>
        <translation>Lame de démonstration</translation>
    </message>
    <message>
        <source>Cannot open slide</source>
        <translation>Impossible d&apos;ouvrir la lame</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;p&gt;%2&lt;/p&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;p&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Annotations not loaded</source>
        <translation>Annotations non chargées</translation>
    </message>
    <message>
        <source>The saved annotations of this slide could not be read. The file is kept as it is; new annotations will be saved beside it.

%1</source>
        <translation>Les annotations enregistrées de cette lame n&apos;ont pas pu être lues. Le fichier est conservé tel quel ; les nouvelles annotations seront enregistrées à côté.

%1</translation>
    </message>
    <message>
        <source>Analysis results not loaded</source>
        <translation>Résultats d&apos;analyse non chargés</translation>
    </message>
    <message>
        <source>Some saved analysis results of this slide could not be read. Their files are left as they are.

%1</source>
        <translation>Certains résultats d&apos;analyse enregistrés de cette lame n&apos;ont pas pu être lus. Leurs fichiers sont laissés tels quels.

%1</translation>
    </message>
    <message>
        <source>Annotations saved to a copy</source>
        <translation>Annotations enregistrées dans une copie</translation>
    </message>
    <message>
        <source>The annotation file changed on disk since Lamina loaded it (another program or another Lamina?). It was not overwritten: your annotations are saved to
%1</source>
        <translation>Le fichier d&apos;annotations a changé sur le disque depuis que Lamina l&apos;a chargé (un autre programme ou un autre Lamina ?). Il n&apos;a pas été écrasé : vos annotations sont enregistrées dans
%1</translation>
    </message>
    <message>
        <source>Annotations NOT saved: %1 (retrying)</source>
        <translation>Annotations NON enregistrées : %1 (nouvelle tentative)</translation>
    </message>
</context>
<context>
    <name>lamina::SlideInfoPanel</name>
    <message>
        <source>Search properties…</source>
        <translation>Chercher une propriété…</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Show label and macro</source>
        <translation>Afficher l&apos;étiquette et la macro</translation>
    </message>
    <message>
        <source>The label, the macro image and DICOM patient attributes may identify the patient</source>
        <translation>L&apos;étiquette, l&apos;image macro et les attributs patient DICOM peuvent identifier le patient</translation>
    </message>
    <message>
        <source>(hidden: may identify the patient)</source>
        <translation>(masqué : peut identifier le patient)</translation>
    </message>
    <message>
        <source>No label, macro or patient data</source>
        <translation>Ni étiquette, ni macro, ni données patient</translation>
    </message>
    <message>
        <source>Hide label, macro and patient data</source>
        <translation>Masquer l&apos;étiquette, la macro et les données patient</translation>
    </message>
    <message>
        <source>Show label, macro and patient data</source>
        <translation>Afficher l&apos;étiquette, la macro et les données patient</translation>
    </message>
</context>
<context>
    <name>lamina::SlideView</name>
    <message>
        <source>A tile could not be read — F5 to retry</source>
        <translation>Une tuile n&apos;a pas pu être lue — F5 pour réessayer</translation>
    </message>
    <message>
        <source>%1 tiles could not be read — F5 to retry</source>
        <translation>%L1 tuiles n&apos;ont pas pu être lues — F5 pour réessayer</translation>
    </message>
    <message>
        <source>Locked annotations were kept</source>
        <translation>Les annotations verrouillées ont été conservées</translation>
    </message>
    <message>
        <source>no scale</source>
        <translation>pas d&apos;échelle</translation>
    </message>
</context>
<context>
    <name>lamina::SnapshotDialog</name>
    <message>
        <source>Allow enlarging beyond the scan</source>
        <translation>Permettre d&apos;agrandir au-delà de la numérisation</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>Barre d&apos;échelle</translation>
    </message>
    <message>
        <source>Caption (slide name, magnification, µm/px, date)</source>
        <translation>Légende (nom de la lame, grossissement, µm/px, date)</translation>
    </message>
    <message>
        <source>Export Snapshot — %1</source>
        <translation>Exportation d&apos;une capture — %1</translation>
    </message>
    <message>
        <source>The view as displayed</source>
        <translation>La vue telle qu&apos;affichée</translation>
    </message>
    <message>
        <source>Selected annotations, with a margin</source>
        <translation>Les annotations sélectionnées, avec une marge</translation>
    </message>
    <message>
        <source>The whole slide</source>
        <translation>La lame entière</translation>
    </message>
    <message>
        <source> (JPEG quality)</source>
        <translation> (qualité JPEG)</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Zone :</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Résolution :</translation>
    </message>
    <message>
        <source>Annotation layers:</source>
        <translation>Calques d&apos;annotations :</translation>
    </message>
    <message>
        <source>JPEG:</source>
        <translation>JPEG :</translation>
    </message>
    <message>
        <source>The slide label and macro images are never included.</source>
        <translation>L&apos;étiquette et l&apos;image macro de la lame ne sont jamais incluses.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>Enregistrer la capture</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg);;TIFF image (*.tif)</source>
        <translation>Image PNG (*.png);;Image JPEG (*.jpg);;Image TIFF (*.tif)</translation>
    </message>
    <message>
        <source>this would enlarge beyond the scan: tick &quot;Allow enlarging&quot;</source>
        <translation>cela agrandirait au-delà de la numérisation : cochez « Permettre d&apos;agrandir »</translation>
    </message>
    <message>
        <source>larger than 16384 pixels per side: use File › Export › Large Region</source>
        <translation>plus de 16384 pixels de côté : utilisez Fichier › Exporter › Grande région</translation>
    </message>
    <message>
        <source>%1 × %2 pixels%3 · from pyramid level %4</source>
        <translation>%L1 × %L2 pixels%3 · du niveau %4 de la pyramide</translation>
    </message>
    <message>
        <source> · %1 µm/px</source>
        <translation> · %L1 µm/px</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Pas d&apos;aperçu</translation>
    </message>
</context>
<context>
    <name>lamina::ViewStatusBar</name>
    <message>
        <source>Cache %1 / %2 · hits %3%</source>
        <translation>Cache %1 / %2 · succès %L3 %</translation>
    </message>
    <message>
        <source>Level %1 (%2 × %3, ↓%4)</source>
        <translation>Niveau %1 (%L2 × %L3, ↓%L4)</translation>
    </message>
    <message>
        <source>x %1  y %2 px</source>
        <translation>x %L1  y %L2 px</translation>
    </message>
    <message>
        <source>x %1 µm  y %2 µm   (%3)</source>
        <translation>x %L1 µm  y %L2 µm   (%3)</translation>
    </message>
    <message>
        <source>   %1: %2</source>
        <translation>   %1 : %2</translation>
    </message>
</context>
<context>
    <name>lamina::WelcomePage</name>
    <message>
        <source>&lt;h1&gt;Lamina&lt;/h1&gt;&lt;p&gt;Whole-slide image viewer&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Lamina&lt;/h1&gt;&lt;p&gt;Visionneuse de lames entières&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open slide…</source>
        <translation>Ouvrir une lame…</translation>
    </message>
    <message>
        <source>Open demo slide</source>
        <translation>Ouvrir la lame de démonstration</translation>
    </message>
    <message>
        <source>A synthetic tissue slide, written once into your data folder</source>
        <translation>Une lame de tissu synthétique, écrite une seule fois dans votre dossier de données</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent slides&lt;/b&gt;</source>
        <translation>&lt;b&gt;Lames récentes&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucune pour le moment)</translation>
    </message>
</context>
</TS>
