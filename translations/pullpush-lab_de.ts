<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Options</name>
    <message>
        <source>Check a Prometheus text exposition (FILE, or - for standard input) and exit: 0 if valid, 1 with the bad line if not.</source>
        <translation>Eine Prometheus-Textexposition prüfen (DATEI, oder - für die Standardeingabe) und beenden: 0 wenn gültig, 1 mit der fehlerhaften Zeile, wenn nicht.</translation>
    </message>
    <message>
        <source>Run the lab core without a window (server, gateway or a scenario); stop with Ctrl+C.</source>
        <translation>Den Laborkern ohne Fenster ausführen (Server, Gateway oder ein Szenario); mit Strg+C beenden.</translation>
    </message>
    <message>
        <source>The prometheus.yml the lab server scrapes with.</source>
        <translation>Die prometheus.yml, mit der der Laborserver abfragt.</translation>
    </message>
    <message>
        <source>Address of the lab server&apos;s HTTP API (port 0: any free port).</source>
        <translation>Adresse der HTTP-API des Laborservers (Port 0: ein beliebiger freier Port).</translation>
    </message>
    <message>
        <source>Run the lab Pushgateway on this address (port 0: any free port).</source>
        <translation>Das Labor-Pushgateway auf dieser Adresse betreiben (Port 0: ein beliebiger freier Port).</translation>
    </message>
    <message>
        <source>File the lab Pushgateway keeps its metrics in across restarts.</source>
        <translation>Datei, in der das Labor-Pushgateway seine Metriken über Neustarts hinweg aufbewahrt.</translation>
    </message>
    <message>
        <source>Enable PUT /api/v1/admin/wipe on the lab Pushgateway.</source>
        <translation>PUT /api/v1/admin/wipe auf dem Labor-Pushgateway aktivieren.</translation>
    </message>
    <message>
        <source>Require HTTP basic auth on the lab Pushgateway: user and bcrypt hash.</source>
        <translation>HTTP-Basic-Auth am Labor-Pushgateway verlangen: Benutzer und bcrypt-Hash.</translation>
    </message>
    <message>
        <source>Run a built-in scenario (see --list-scenarios) or a file.</source>
        <translation>Ein eingebautes Szenario (siehe --list-scenarios) oder eine Datei ausführen.</translation>
    </message>
    <message>
        <source>With --headless: stop after this many seconds (exit 0).</source>
        <translation>Mit --headless: nach so vielen Sekunden beenden (Exit-Code 0).</translation>
    </message>
    <message>
        <source>Print the built-in scenarios, one a line, and exit.</source>
        <translation>Die eingebauten Szenarien ausgeben, eines pro Zeile, und beenden.</translation>
    </message>
</context>
<context>
    <name>ppl::ChartsPanel</name>
    <message>
        <source>expected metric{label=&quot;value&quot;, …}</source>
        <translation>erwartet: metrik{label=&quot;wert&quot;, …}</translation>
    </message>
    <message>
        <source>cannot read the label matcher at &quot;%1&quot;</source>
        <translation>der Label-Filter bei „%1“ ist nicht lesbar</translation>
    </message>
    <message>
        <source>&amp;Add chart…</source>
        <translation>Diagramm &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove chart</source>
        <translation>Diagramm &amp;entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>up per target</source>
        <translation>up je Ziel</translation>
    </message>
    <message>
        <source>up (1: scrape worked, 0: failed)</source>
        <translation>up (1: Abfrage gelungen, 0: fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Age of pushed groups</source>
        <translation>Alter gepushter Gruppen</translation>
    </message>
    <message>
        <source>Age of each pushed group, in s</source>
        <translation>Alter jeder gepushten Gruppe, in s</translation>
    </message>
    <message>
        <source>time() − push_time_seconds: it keeps growing after a job died, while the gateway goes on serving its last value.</source>
        <translation>time() − push_time_seconds: wächst weiter, nachdem ein Job gestorben ist, während das Gateway seinen letzten Wert weiter ausliefert.</translation>
    </message>
    <message>
        <source>Add chart</source>
        <translation>Diagramm hinzufügen</translation>
    </message>
    <message>
        <source>job=&quot;web&quot;, instance=~&quot;web-.*&quot;</source>
        <translation>job=&quot;web&quot;, instance=~&quot;web-.*&quot;</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Metrik:</translation>
    </message>
    <message>
        <source>Label filters:</source>
        <translation>Label-Filter:</translation>
    </message>
    <message>
        <source>Chart %1: %2</source>
        <translation>Diagramm %1: %2</translation>
    </message>
</context>
<context>
    <name>ppl::ComparisonPanel</name>
    <message>
        <source>Feature</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>Pull model</source>
        <translation>Pull-Modell</translation>
    </message>
    <message>
        <source>Push model (Pushgateway)</source>
        <translation>Push-Modell (Pushgateway)</translation>
    </message>
    <message>
        <source>Pull: measured here</source>
        <translation>Pull: hier gemessen</translation>
    </message>
    <message>
        <source>Push: measured here</source>
        <translation>Push: hier gemessen</translation>
    </message>
    <message>
        <source>Control flow</source>
        <translation>Kontrollfluss</translation>
    </message>
    <message>
        <source>Prometheus initiates</source>
        <translation>Prometheus initiiert</translation>
    </message>
    <message>
        <source>Application initiates</source>
        <translation>Anwendung initiiert</translation>
    </message>
    <message>
        <source>Service discovery</source>
        <translation>Service Discovery</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Eingebaut</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Nicht anwendbar</translation>
    </message>
    <message>
        <source>Target health monitoring</source>
        <translation>Überwachung der Zielgesundheit</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Network requirements</source>
        <translation>Netzwerkanforderungen</translation>
    </message>
    <message>
        <source>Prometheus must reach targets</source>
        <translation>Prometheus muss die Ziele erreichen</translation>
    </message>
    <message>
        <source>Targets must reach Pushgateway</source>
        <translation>Ziele müssen das Pushgateway erreichen</translation>
    </message>
    <message>
        <source>Suitable for ephemeral services</source>
        <translation>Geeignet für kurzlebige Dienste</translation>
    </message>
    <message>
        <source>Limited</source>
        <translation>Eingeschränkt</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Metric freshness</source>
        <translation>Aktualität der Metriken</translation>
    </message>
    <message>
        <source>Depends on scrape interval</source>
        <translation>Hängt vom Abfrageintervall ab</translation>
    </message>
    <message>
        <source>Immediate (but then depends on Pushgateway scrape interval)</source>
        <translation>Sofort (hängt dann aber vom Abfrageintervall des Pushgateways ab)</translation>
    </message>
    <message>
        <source>Configuration complexity</source>
        <translation>Konfigurationsaufwand</translation>
    </message>
    <message>
        <source>Moderate</source>
        <translation>Mäßig</translation>
    </message>
    <message>
        <source>Higher</source>
        <translation>Höher</translation>
    </message>
    <message>
        <source>Scaling considerations</source>
        <translation>Skalierung</translation>
    </message>
    <message>
        <source>Prometheus must handle all scrapes</source>
        <translation>Prometheus muss alle Abfragen bewältigen</translation>
    </message>
    <message>
        <source>Distributed across applications</source>
        <translation>Auf die Anwendungen verteilt</translation>
    </message>
    <message>
        <source>Left: the seed article. Right: what this lab measured since the scenario started.</source>
        <translation>Links: der Ausgangsartikel. Rechts: was dieses Labor seit dem Start des Szenarios gemessen hat.</translation>
    </message>
    <message numerus="yes">
        <source>%n scrape(s) by the server</source>
        <translation>
            <numerusform>%n Abfrage durch den Server</numerusform>
            <numerusform>%n Abfragen durch den Server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n push(es) by jobs</source>
        <translation>
            <numerusform>%n Push durch Jobs</numerusform>
            <numerusform>%n Pushes durch Jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) known, %1 of them pods</source>
        <translation>
            <numerusform>%n Ziel bekannt, davon %1 Pods</numerusform>
            <numerusform>%n Ziele bekannt, davon %1 Pods</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) announced themselves</source>
        <translation>
            <numerusform>%n Gruppe hat sich selbst gemeldet</numerusform>
            <numerusform>%n Gruppen haben sich selbst gemeldet</numerusform>
        </translation>
    </message>
    <message>
        <source>death detected: median %1 s after the kill</source>
        <translation>Ausfall erkannt: im Median %1 s nach dem Beenden</translation>
    </message>
    <message>
        <source>no target died yet</source>
        <translation>noch kein Ziel ausgefallen</translation>
    </message>
    <message>
        <source>not detected: the oldest group&apos;s value is %1 s old and still served</source>
        <translation>nicht erkannt: der Wert der ältesten Gruppe ist %1 s alt und wird weiter ausgeliefert</translation>
    </message>
    <message>
        <source>nothing pushed yet</source>
        <translation>noch nichts gepusht</translation>
    </message>
    <message numerus="yes">
        <source>%n failed scrape(s) (refused, timed out, firewalled)</source>
        <translation>
            <numerusform>%n fehlgeschlagene Abfrage (abgewiesen, Zeitüberschreitung, Firewall)</numerusform>
            <numerusform>%n fehlgeschlagene Abfragen (abgewiesen, Zeitüberschreitung, Firewall)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed push(es)</source>
        <translation>
            <numerusform>%n fehlgeschlagener Push</numerusform>
            <numerusform>%n fehlgeschlagene Pushes</numerusform>
        </translation>
    </message>
    <message>
        <source>a job shorter than the interval is seen only if a scrape lands during its run</source>
        <translation>ein Job, der kürzer als das Intervall läuft, wird nur gesehen, wenn eine Abfrage in seine Laufzeit fällt</translation>
    </message>
    <message numerus="yes">
        <source>%n push(es) kept after their jobs ended</source>
        <translation>
            <numerusform>%n Push nach Ende seines Jobs aufbewahrt</numerusform>
            <numerusform>%n Pushes nach Ende ihrer Jobs aufbewahrt</numerusform>
        </translation>
    </message>
    <message>
        <source>scraped every %1 s: a change waits %2 s on average</source>
        <translation>alle %1 s abgefragt: eine Änderung wartet im Mittel %2 s</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>noch nicht gemessen</translation>
    </message>
    <message>
        <source>median %1 s from push to the server&apos;s store</source>
        <translation>im Median %1 s vom Push bis in den Speicher des Servers</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of prometheus.yml</source>
        <translation>
            <numerusform>%n Zeile prometheus.yml</numerusform>
            <numerusform>%n Zeilen prometheus.yml</numerusform>
        </translation>
    </message>
    <message>
        <source>plus a gateway URL and grouping key in every job</source>
        <translation>dazu eine Gateway-URL und ein Grouping Key in jedem Job</translation>
    </message>
    <message>
        <source>%1 scrapes/s by one server</source>
        <translation>%1 Abfragen/s durch einen Server</translation>
    </message>
    <message>
        <source>%1 pushes/s spread over the jobs</source>
        <translation>%1 Pushes/s, verteilt auf die Jobs</translation>
    </message>
</context>
<context>
    <name>ppl::ErrorBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ppl::GatewayGroupsModel</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Grouping key</source>
        <translation>Grouping Key</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Last push</source>
        <translation>Letzter Push</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Last push OK</source>
        <translation>Letzter Push OK</translation>
    </message>
</context>
<context>
    <name>ppl::GatewayPanel</name>
    <message>
        <source>&amp;Delete group</source>
        <translation>Gruppe &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Restart gateway</source>
        <translation>Gateway &amp;neu starten</translation>
    </message>
    <message>
        <source>Restart gateway &amp;without persistence</source>
        <translation>Gateway neu starten, &amp;ohne Persistenz</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source>Ctrl+Shift+G</source>
        <translation>Ctrl+Shift+G</translation>
    </message>
    <message>
        <source>Select a group first.</source>
        <translation>Bitte zuerst eine Gruppe auswählen.</translation>
    </message>
    <message>
        <source>Delete group: %1</source>
        <translation>Gruppe löschen: %1</translation>
    </message>
    <message>
        <source>Restart gateway: %1</source>
        <translation>Gateway neu starten: %1</translation>
    </message>
    <message>
        <source>The lab runs no Pushgateway.</source>
        <translation>Das Labor betreibt kein Pushgateway.</translation>
    </message>
    <message>
        <source>Pushgateway at %1</source>
        <translation>Pushgateway unter %1</translation>
    </message>
</context>
<context>
    <name>ppl::JobsModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>succeeds</source>
        <translation>gelingt</translation>
    </message>
    <message>
        <source>fails</source>
        <translation>scheitert</translation>
    </message>
    <message>
        <source>succeeds %1 %</source>
        <translation>gelingt zu %1 %</translation>
    </message>
    <message>
        <source>every %1 s</source>
        <translation>alle %1 s</translation>
    </message>
    <message>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>untätig</translation>
    </message>
    <message>
        <source>never ran</source>
        <translation>nie gelaufen</translation>
    </message>
    <message>
        <source>#%1 running</source>
        <translation>#%1 läuft</translation>
    </message>
    <message>
        <source>#%1 stopped</source>
        <translation>#%1 gestoppt</translation>
    </message>
    <message>
        <source>#%1 ✔ succeeded at %2</source>
        <translation>#%1 ✔ erfolgreich um %2</translation>
    </message>
    <message>
        <source>#%1 ✖ failed (exit %2)</source>
        <translation>#%1 ✖ fehlgeschlagen (Exit-Code %2)</translation>
    </message>
    <message>
        <source>does not push</source>
        <translation>pusht nicht</translation>
    </message>
    <message>
        <source>accepted (%1)</source>
        <translation>angenommen (%1)</translation>
    </message>
    <message>
        <source>rejected (%1)</source>
        <translation>abgelehnt (%1)</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Push mode</source>
        <translation>Push-Modus</translation>
    </message>
    <message>
        <source>Delete after</source>
        <translation>Löschen nach</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Push status</source>
        <translation>Push-Status</translation>
    </message>
</context>
<context>
    <name>ppl::JobsPanel</name>
    <message>
        <source>&amp;Run now</source>
        <translation>Jetzt &amp;ausführen</translation>
    </message>
    <message>
        <source>S&amp;top job</source>
        <translation>Job s&amp;toppen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Select a job first.</source>
        <translation>Bitte zuerst einen Job auswählen.</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
</context>
<context>
    <name>ppl::LabPalette</name>
    <message>
        <source>up</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <source>hung</source>
        <translation>hängt</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>ppl::LiveChart</name>
    <message>
        <source>%1
%2 at %3</source>
        <translation>%1
%2 um %3</translation>
    </message>
</context>
<context>
    <name>ppl::MainWindow</name>
    <message>
        <source>Pull/Push Lab</source>
        <translation>Pull/Push-Labor</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>Server config</source>
        <translation>Serverkonfiguration</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Pull vs push timeline</source>
        <translation>Zeitleiste Pull gegen Push</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Push to %1 rejected: %2</source>
        <translation>Push an %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Pull/Push Lab — %1</source>
        <translation>Pull/Push-Labor — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open scenario…</source>
        <translation>Szenario ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>Szenario öffnen</translation>
    </message>
    <message>
        <source>Scenarios (*.yaml *.yml *.json)</source>
        <translation>Szenarien (*.yaml *.yml *.json)</translation>
    </message>
    <message>
        <source>&amp;Built-in scenarios</source>
        <translation>&amp;Eingebaute Szenarien</translation>
    </message>
    <message>
        <source>&amp;Recent scenarios</source>
        <translation>&amp;Zuletzt verwendete Szenarien</translation>
    </message>
    <message>
        <source>&amp;Export screenshot…</source>
        <translation>Bildschirmfoto e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export screenshot</source>
        <translation>Bildschirmfoto exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <source>&amp;Pause lab</source>
        <translation>Labor &amp;pausieren</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Partition the &amp;network</source>
        <translation>&amp;Netzwerk trennen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Target</source>
        <translation>&amp;Ziel</translation>
    </message>
    <message>
        <source>&amp;Job</source>
        <translation>&amp;Job</translation>
    </message>
    <message>
        <source>&amp;Gateway</source>
        <translation>&amp;Gateway</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>D&amp;iagramme</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>Zoom &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Pull/Push Lab</source>
        <translation>&amp;Über Pull/Push-Labor</translation>
    </message>
    <message>
        <source>About Pull/Push Lab</source>
        <translation>Über Pull/Push-Labor</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Pull/Push Lab&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Learn how Prometheus&apos;s pull model differs from its push model, by doing. Every endpoint is real HTTP on 127.0.0.1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Pull/Push-Labor&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Lernen Sie durch Ausprobieren, wie sich das Pull-Modell von Prometheus vom Push-Modell unterscheidet. Jeder Endpunkt ist echtes HTTP auf 127.0.0.1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Time window:</source>
        <translation>Zeitfenster:</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 min</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>15 min</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>30 min</source>
        <translation>30 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>Scenario not loaded: %1</source>
        <translation>Szenario nicht geladen: %1</translation>
    </message>
    <message>
        <source>Scenario %1 could not start: %2</source>
        <translation>Szenario %1 konnte nicht starten: %2</translation>
    </message>
    <message>
        <source>&amp;Resume lab</source>
        <translation>Labor &amp;fortsetzen</translation>
    </message>
    <message>
        <source>No lab</source>
        <translation>Kein Labor</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>server %1</source>
        <translation>Server %1</translation>
    </message>
    <message>
        <source>gateway %1</source>
        <translation>Gateway %1</translation>
    </message>
    <message numerus="yes">
        <source>%n target(s)</source>
        <translation>
            <numerusform>%n Ziel</numerusform>
            <numerusform>%n Ziele</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n Job</numerusform>
            <numerusform>%n Jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ppl::ServerPanel</name>
    <message>
        <source>&amp;Apply configuration</source>
        <translation>Konfiguration &amp;anwenden</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Re&amp;vert to running</source>
        <translation>&amp;Laufende wiederherstellen</translation>
    </message>
    <message>
        <source>Running configuration.</source>
        <translation>Laufende Konfiguration.</translation>
    </message>
    <message>
        <source>✔ Applied: the server reloaded its configuration.</source>
        <translation>✔ Angewendet: der Server hat seine Konfiguration neu geladen.</translation>
    </message>
    <message>
        <source>✖ Rejected, the running configuration stays: %1</source>
        <translation>✖ Abgelehnt, die laufende Konfiguration bleibt: %1</translation>
    </message>
    <message>
        <source>prometheus.yml rejected: %1</source>
        <translation>prometheus.yml abgelehnt: %1</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Discovered labels</source>
        <translation>Gefundene Labels</translation>
    </message>
    <message>
        <source>Final labels</source>
        <translation>Endgültige Labels</translation>
    </message>
    <message>
        <source>dropped by relabelling</source>
        <translation>durch Relabeling verworfen</translation>
    </message>
</context>
<context>
    <name>ppl::TargetsModel</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>slow (%1 ms)</source>
        <translation>langsam (%1 ms)</translation>
    </message>
    <message>
        <source>flapping every %1 s</source>
        <translation>wechselt alle %1 s</translation>
    </message>
    <message>
        <source>behind a firewall</source>
        <translation>hinter einer Firewall</translation>
    </message>
    <message>
        <source>answers 500</source>
        <translation>antwortet 500</translation>
    </message>
    <message>
        <source>answers malformed text</source>
        <translation>antwortet fehlerhaften Text</translation>
    </message>
    <message>
        <source> (pod)</source>
        <translation> (Pod)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Gesundheit</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>Letzte Abfrage</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>ppl::TargetsPanel</name>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Kill</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Hang</source>
        <translation>&amp;Hängen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>S&amp;low (2 s)</source>
        <translation>&amp;Langsam (2 s)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Flap (10 s)</source>
        <translation>&amp;Wechseln (10 s)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Fire&amp;wall</source>
        <translation>Fire&amp;wall</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>&amp;Error 500</source>
        <translation>&amp;Fehler 500</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Hea&amp;l</source>
        <translation>&amp;Heilen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Select a target first.</source>
        <translation>Bitte zuerst ein Ziel auswählen.</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>&amp;Add target…</source>
        <translation>Ziel &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Name of the new service (it serves /metrics on its own port; add it to prometheus.yml as {{target:NAME}} to have it scraped):</source>
        <translation>Name des neuen Dienstes (er liefert /metrics auf einem eigenen Port; tragen Sie ihn als {{target:NAME}} in die prometheus.yml ein, damit er abgefragt wird):</translation>
    </message>
    <message>
        <source>Add target %1: %2</source>
        <translation>Ziel %1 hinzufügen: %2</translation>
    </message>
</context>
<context>
    <name>ppl::TimelineView</name>
    <message>
        <source>server scrapes gateway</source>
        <translation>Server fragt Gateway ab</translation>
    </message>
    <message>
        <source>PULL: the server scrapes each target</source>
        <translation>PULL: der Server fragt jedes Ziel ab</translation>
    </message>
    <message>
        <source>PUSH: jobs push to the gateway; the server scrapes the gateway</source>
        <translation>PUSH: Jobs pushen an das Gateway; der Server fragt das Gateway ab</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>job %1 runs</source>
        <translation>Läufe von Job %1</translation>
    </message>
</context>
<context>
    <name>ppl::TopologyView</name>
    <message>
        <source>Prometheus server</source>
        <translation>Prometheus-Server</translation>
    </message>
    <message>
        <source> (pod)</source>
        <translation> (Pod)</translation>
    </message>
    <message>
        <source>Pushgateway</source>
        <translation>Pushgateway</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>firewalled</source>
        <translation>hinter Firewall</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>langsam</translation>
    </message>
    <message>
        <source>flapping</source>
        <translation>wechselnd</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>:%1</source>
        <translation>:%1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
</context>
</TS>
