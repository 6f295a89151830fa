<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BuiltInScenarios</name>
    <message>
        <source>Three Node.js-style services and a node are scraped every 5 s. Kill one (POST /lab/targets/web-2/kill or the Kill button) and watch its up drop to 0 at the next scrape and its series go stale.</source>
        <translation>Drei Dienste im Node.js-Stil und ein Node werden alle 5 s gescrapt. Beenden Sie einen (POST /lab/targets/web-2/kill oder die Schaltfläche Beenden) und sehen Sie, wie sein up beim nächsten Scrape auf 0 fällt und seine Zeitreihen stale werden.</translation>
    </message>
    <message>
        <source>Two 2-second batch jobs every 40 s, scraped every 15 s. backup pushes its result to the Pushgateway, so it is always seen; report only exposes /metrics while it runs, so the scraper almost never catches it.</source>
        <translation>Zwei Batch-Jobs von je 2 Sekunden alle 40 s, gescrapt alle 15 s. backup pusht sein Ergebnis an das Pushgateway und wird daher immer gesehen; report bietet /metrics nur an, solange er läuft, und wird daher vom Scraper fast nie erwischt.</translation>
    </message>
    <message>
        <source>A job pushes once and dies; its value lingers in the Pushgateway and keeps being scraped. At 60 s the group is deleted; the job pushes again; at 90 s the gateway restarts without persistence (the group is lost); the job pushes again; at 120 s it restarts with persistence (the group survives).</source>
        <translation>Ein Job pusht einmal und stirbt; sein Wert bleibt im Pushgateway liegen und wird weiter gescrapt. Bei 60 s wird die Gruppe gelöscht; der Job pusht erneut; bei 90 s startet das Gateway ohne Persistenz neu (die Gruppe geht verloren); der Job pusht erneut; bei 120 s startet es mit Persistenz neu (die Gruppe bleibt erhalten).</translation>
    </message>
    <message>
        <source>billing sits behind a firewall: the lab server's scrapes are refused (up 0), but billing pushes its own metrics to the Pushgateway every 10 s, which the server scrapes instead. web-1 is scraped normally for comparison.</source>
        <translation>billing steht hinter einer Firewall: die Scrapes des Laborservers werden abgewiesen (up 0), aber billing pusht seine Metriken alle 10 s selbst an das Pushgateway, das der Server stattdessen scrapt. web-1 wird zum Vergleich normal gescrapt.</translation>
    </message>
    <message>
        <source>Pods discovered with kubernetes_sd_configs (role pod) and kept only when annotated prometheus.io/scrape "true", as in the seed article. batch-worker is annotated at 30 s, web-b is removed at 60 s, web-c is added at 90 s.</source>
        <translation>Pods, gefunden mit kubernetes_sd_configs (role pod) und nur behalten, wenn sie mit prometheus.io/scrape "true" annotiert sind, wie im Ausgangsartikel. batch-worker wird bei 30 s annotiert, web-b bei 60 s entfernt, web-c bei 90 s hinzugefügt.</translation>
    </message>
    <message>
        <source>The usual mix: long-running services are pulled, cron jobs push to the Pushgateway, and the server scrapes the gateway with honor_labels.</source>
        <translation>Die übliche Mischung: langlebige Dienste werden gepullt, Cron-Jobs pushen an das Pushgateway, und der Server scrapt das Gateway mit honor_labels.</translation>
    </message>
    <message>
        <source>Two instances of one batch job push under the same grouping key (job=batch_processor, instance=job-instance-1): each push overwrites the other's, so the gateway only ever shows the last one. Give each instance its own instance label to keep both.</source>
        <translation>Zwei Instanzen eines Batch-Jobs pushen unter demselben Grouping Key (job=batch_processor, instance=job-instance-1): jeder Push überschreibt den des anderen, daher zeigt das Gateway immer nur den letzten. Geben Sie jeder Instanz ein eigenes instance-Label, um beide zu behalten.</translation>
    </message>
    <message>
        <source>The lab server scrapes its own /metrics as job prometheus, as the Prometheus getting-started guide's first configuration does, beside two services. Query prometheus_target_interval_length_seconds, prometheus_target_scrape_pool_targets, prometheus_tsdb_head_series or prometheus_config_last_reload_successful; break the configuration (Server config dock) and watch the reload gauge drop to 0.</source>
        <translation>Der Laborserver scrapt seine eigene /metrics als Job prometheus, wie es die erste Konfiguration der Prometheus-Einführung tut, neben zwei Diensten. Fragen Sie prometheus_target_interval_length_seconds, prometheus_target_scrape_pool_targets, prometheus_tsdb_head_series oder prometheus_config_last_reload_successful ab; machen Sie die Konfiguration kaputt (Dock „Server-Konfiguration“) und sehen Sie zu, wie die Reload-Anzeige auf 0 fällt.</translation>
    </message>
    <message>
        <source>Two views of one death. Debian's real blackbox exporter, started by the lab, probes web-1 and web-2 from outside (the multi-target exporter pattern: probe_success per URL) while the lab server also scrapes them directly (up); Debian's real node exporter stands for a real host. Kill web-2: its probe fails (probe_success 0) and its up goes 0. Needs the packages prometheus-blackbox-exporter and prometheus-node-exporter.</source>
        <translation>Zwei Blicke auf einen Ausfall. Debians echter Blackbox-Exporter, vom Labor gestartet, prüft web-1 und web-2 von außen (das Multi-Target-Exporter-Muster: probe_success je URL), während der Laborserver sie auch direkt scrapt (up); Debians echter Node-Exporter steht für einen echten Host. Beenden Sie web-2: seine Probe schlägt fehl (probe_success 0) und sein up wird 0. Braucht die Pakete prometheus-blackbox-exporter und prometheus-node-exporter.</translation>
    </message>
    <message>
        <source>One batch job pushes under job=nightly_export, instance=exporter-1. The lab server scrapes the Pushgateway twice: pushgateway-honor with honor_labels: true keeps the pushed job and instance; pushgateway-plain without it stores the same sample as exported_job="nightly_export", exported_instance="exporter-1", job="pushgateway-plain". Query job_records_processed_total to compare.</source>
        <translation>Ein Batch-Job pusht unter job=nightly_export, instance=exporter-1. Der Laborserver scrapt das Pushgateway zweimal: pushgateway-honor mit honor_labels: true behält den gepushten job und instance; pushgateway-plain ohne es speichert dasselbe Sample als exported_job="nightly_export", exported_instance="exporter-1", job="pushgateway-plain". Zum Vergleich job_records_processed_total abfragen.</translation>
    </message>
</context>
<context>
    <name>ScenarioText</name>
    <message>
        <source>expected a list</source>
        <translation>Liste erwartet</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Check a Prometheus text exposition (FILE, or - for standard input) and exit: 0 if valid, 1 with the bad line if not.</source>
        <translation>Eine Prometheus-Textexposition prüfen (FILE, oder - für die Standardeingabe) und beenden: 0, wenn gültig, sonst 1 mit der fehlerhaften Zeile.</translation>
    </message>
    <message>
        <source>Run the lab core without a window (server, gateway or a scenario); stop with Ctrl+C.</source>
        <translation>Den Laborkern ohne Fenster ausführen (Server, Gateway oder ein Szenario); mit Strg+C beenden.</translation>
    </message>
    <message>
        <source>The prometheus.yml the lab server scrapes with.</source>
        <translation>Die prometheus.yml, nach der der Laborserver scrapt.</translation>
    </message>
    <message>
        <source>Address of the lab server's HTTP API (port 0: any free port).</source>
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
        <translation>HTTP Basic Auth am Labor-Pushgateway verlangen: Benutzer und bcrypt-Hash.</translation>
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
        <source>Save the window as a PNG and exit (with --after).</source>
        <translation>Das Fenster als PNG speichern und beenden (mit --after).</translation>
    </message>
    <message>
        <source>With --screenshot: how many seconds to run first.</source>
        <translation>Mit --screenshot: wie viele Sekunden vorher laufen.</translation>
    </message>
    <message>
        <source>Print the built-in scenarios, one a line, and exit.</source>
        <translation>Die eingebauten Szenarien ausgeben, eines pro Zeile, und beenden.</translation>
    </message>
    <message>
        <source>invalid HOST:PORT</source>
        <translation>ungültiges HOST:PORT</translation>
    </message>
    <message>
        <source>Learn how Prometheus's pull model differs from its push model, by doing.</source>
        <translation>Lernen Sie durch Ausprobieren, wie sich das Pull-Modell von Prometheus von seinem Push-Modell unterscheidet.</translation>
    </message>
    <message>
        <source>With --headless --config: allow POST /-/reload, as Prometheus's flag of that name does (SIGHUP always reloads).</source>
        <translation>Mit --headless --config: POST /-/reload erlauben, wie der gleichnamige Schalter von Prometheus (SIGHUP lädt immer neu).</translation>
    </message>
    <message>
        <source>With --check-metrics: text, openmetrics or auto (OpenMetrics when the input has a # EOF line).</source>
        <translation>Mit --check-metrics: text, openmetrics oder auto (OpenMetrics, wenn die Eingabe eine Zeile # EOF enthält).</translation>
    </message>
    <message>
        <source>How often the lab Pushgateway writes its persistence file, as the real one's --persistence.interval (default 5m).</source>
        <translation>Wie oft das Labor-Pushgateway seine Persistenzdatei schreibt, wie --persistence.interval des echten (Standard 5m).</translation>
    </message>
    <message>
        <source>With --headless --config: how far back a query looks for a sample (default 5m).</source>
        <translation>Mit --headless --config: wie weit eine Abfrage nach einem Sample zurückschaut (Standard 5m).</translation>
    </message>
    <message>
        <source>With --headless --config: the longest a query may run (default 2m).</source>
        <translation>Mit --headless --config: die längste Laufzeit einer Abfrage (Standard 2m).</translation>
    </message>
    <message>
        <source>With --headless --config: the most samples a query may hold in memory (default 50000000).</source>
        <translation>Mit --headless --config: die Höchstzahl an Samples, die eine Abfrage im Speicher halten darf (Standard 50000000).</translation>
    </message>
    <message>
        <source>Require "Authorization: Bearer TOKEN" on the lab's control requests (/lab/*, /-/reload, the gateway's admin API); needed to listen on an address other machines reach.</source>
        <translation>„Authorization: Bearer TOKEN“ für die Steuerungsanfragen des Labors verlangen (/lab/*, /-/reload, die Admin-API des Gateways); nötig, um auf einer Adresse zu lauschen, die andere Rechner erreichen.</translation>
    </message>
    <message>
        <source>invalid --%1: %2</source>
        <translation>ungültiges --%1: %2</translation>
    </message>
    <message>
        <source>invalid --gateway-persistence-interval: %1 (a duration such as 30s or 5m)</source>
        <translation>ungültiges --gateway-persistence-interval: %1 (eine Dauer wie 30s oder 5m)</translation>
    </message>
    <message>
        <source>unknown format %1 (text, openmetrics or auto)</source>
        <translation>unbekanntes Format %1 (text, openmetrics oder auto)</translation>
    </message>
    <message>
        <source>Check a prometheus.yml as `promtool check config --syntax-only` does and exit: 0 if Prometheus 2.42 accepts it, 1 with its error if not.</source>
        <translation>Eine prometheus.yml prüfen wie `promtool check config --syntax-only` und beenden: 0, wenn Prometheus 2.42 sie annimmt, 1 mit seinem Fehler, wenn nicht.</translation>
    </message>
    <message>
        <source>Check Prometheus rule files (FILE, and any further files given after the options) as promtool check rules does, and exit: 0 if valid, 1 if not.</source>
        <translation>Prometheus-Regeldateien prüfen (FILE und weitere nach den Optionen angegebene Dateien) wie promtool check rules und beenden: 0, wenn gültig, 1, wenn nicht.</translation>
    </message>
    <message>
        <source>With --headless --scenario: write the run's summary (targets, pushes, groups, alerts) to FILE as JSON when it ends; with --headless --lesson: the lesson's report, kept up to date while it runs.</source>
        <translation>Mit --headless --scenario: die Zusammenfassung des Laufs (Ziele, Pushes, Gruppen, Alerts) an seinem Ende als JSON in FILE schreiben; mit --headless --lesson: den Bericht der Lektion, der während des Laufs aktuell gehalten wird.</translation>
    </message>
    <message>
        <source>Record the lab's session (scenario, events, samples, alerts) to FILE as it runs, to replay in the window (File → Open recording or --replay).</source>
        <translation>Die Sitzung des Labors (Szenario, Ereignisse, Samples, Alerts) während des Laufs in FILE aufzeichnen, zur Wiedergabe im Fenster (Datei → Aufzeichnung öffnen oder --replay).</translation>
    </message>
    <message>
        <source>Open a recording in the window and replay it; nothing runs, no port is opened.</source>
        <translation>Eine Aufzeichnung im Fenster öffnen und wiedergeben; nichts läuft, kein Port wird geöffnet.</translation>
    </message>
    <message>
        <source>With --scenario: write the scenario's world as a runnable set for the real Prometheus, Pushgateway and Alertmanager (prometheus.yml, rule files, docker-compose.yml) into DIR and exit.</source>
        <translation>Mit --scenario: die Welt des Szenarios als lauffähige Zusammenstellung für die echten Programme Prometheus, Pushgateway und Alertmanager (prometheus.yml, Regeldateien, docker-compose.yml) nach DIR schreiben und beenden.</translation>
    </message>
    <message>
        <source>Check a lesson file (or a built-in lesson) and exit: 0 if valid, 1 with every error as FILE:LINE: PATH: MESSAGE if not.</source>
        <translation>Eine Lektionsdatei (oder eine eingebaute Lektion) prüfen und beenden: 0, wenn gültig, sonst 1 mit jedem Fehler als FILE:LINE: PATH: MESSAGE.</translation>
    </message>
    <message>
        <source>Print the built-in lessons, one a line (id, then title), and exit.</source>
        <translation>Die eingebauten Lektionen ausgeben, eine pro Zeile (ID, dann Titel), und beenden.</translation>
    </message>
    <message>
        <source>With --lesson: the student's name for the report (remembered for the next lesson).</source>
        <translation>Mit --lesson: der Name des Teilnehmers für den Bericht (wird für die nächste Lektion gemerkt).</translation>
    </message>
    <message>
        <source>Merge the lesson reports (*.json) in DIR into one table per student and per step (--out, --html) and exit.</source>
        <translation>Die Lektionsberichte (*.json) in DIR zu je einer Tabelle pro Teilnehmer und pro Schritt zusammenführen (--out, --html) und beenden.</translation>
    </message>
    <message>
        <source>With --class-report: the CSV file to write.</source>
        <translation>Mit --class-report: die zu schreibende CSV-Datei.</translation>
    </message>
    <message>
        <source>With --class-report: an HTML page to write too.</source>
        <translation>Mit --class-report: zusätzlich eine zu schreibende HTML-Seite.</translation>
    </message>
    <message>
        <source>--export-world needs --scenario</source>
        <translation>--export-world braucht --scenario</translation>
    </message>
    <message>
        <source>Wrote the runnable set to %1</source>
        <translation>Lauffähige Zusammenstellung nach %1 geschrieben</translation>
    </message>
    <message>
        <source>--class-report needs --out FILE.csv (and/or --html FILE.html)</source>
        <translation>--class-report braucht --out FILE.csv (und/oder --html FILE.html)</translation>
    </message>
    <message>
        <source>Open the window on a built-in lesson (see --list-lessons) or a lesson file; with --headless run it without a window, --report keeping its JSON report up to date.</source>
        <translation>Das Fenster mit einer eingebauten Lektion (siehe --list-lessons) oder einer Lektionsdatei öffnen; mit --headless sie ohne Fenster ausführen, wobei --report ihren JSON-Bericht aktuell hält.</translation>
    </message>
    <message>
        <source>With --headless --scenario: real runs the scenario on Debian's prometheus and prometheus-pushgateway (and prometheus-alertmanager for alerting rules) as child processes; embedded (the default) on the lab's own core. A scenario may ask for the real engine with engine: real.</source>
        <translation>Mit --headless --scenario: real führt das Szenario auf Debians prometheus und prometheus-pushgateway (und prometheus-alertmanager bei Alerting-Regeln) als Kindprozesse aus; embedded (Standard) auf dem eigenen Kern des Labors. Ein Szenario kann mit engine: real die echte Engine verlangen.</translation>
    </message>
    <message>
        <source>--engine: "%1" is not real or embedded</source>
        <translation>--engine: „%1“ ist weder real noch embedded</translation>
    </message>
    <message>
        <source>--record needs the embedded engine</source>
        <translation>--record braucht die eingebettete Engine</translation>
    </message>
    <message>
        <source>the window runs the embedded engine only for now; --engine real needs --headless --scenario NAME|FILE</source>
        <translation>das Fenster läuft vorerst nur mit der eingebetteten Engine; --engine real braucht --headless --scenario NAME|DATEI</translation>
    </message>
</context>
<context>
    <name>ppl::AlertsModel</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>not evaluated yet</source>
        <translation>noch nicht ausgewertet</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>feuert</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>every %1 s · last evaluation %2, took %3</source>
        <translation>alle %1 s · letzte Auswertung %2, dauerte %3</translation>
    </message>
    <message>
        <source>every %1 s · not evaluated yet</source>
        <translation>alle %1 s · noch nicht ausgewertet</translation>
    </message>
    <message>
        <source> (%1 alerts)</source>
        <translation> (%1 Alerts)</translation>
    </message>
    <message>
        <source>alert: %1
expr: %2
for: %3 s</source>
        <translation>alert: %1
expr: %2
for: %3 s</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>Recording</translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n more series)</source>
        <translation>
            <numerusform>%1 (+%n weitere Serie)</numerusform>
            <numerusform>%1 (+%n weitere Serien)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n failing)</source>
        <translation>
            <numerusform> (%n fehlerhaft)</numerusform>
            <numerusform> (%n fehlerhaft)</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Active since</source>
        <translation>Aktiv seit</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>ppl::AlertsPanel</name>
    <message>
        <source>No rules: add a rule file in the Server config dock, or open a scenario with rules.</source>
        <translation>Keine Regeln: im Dock „Serverkonfiguration“ eine Regeldatei hinzufügen oder ein Szenario mit Regeln öffnen.</translation>
    </message>
    <message>
        <source>%1 firing · %2 pending · %3 in %4</source>
        <translation>%1 firing · %2 pending · %3 in %4</translation>
    </message>
    <message>
        <source>1 rule</source>
        <translation>1 Regel</translation>
    </message>
    <message>
        <source>%1 rules</source>
        <translation>%1 Regeln</translation>
    </message>
    <message>
        <source>1 group</source>
        <translation>1 Gruppe</translation>
    </message>
    <message>
        <source>%1 groups</source>
        <translation>%1 Gruppen</translation>
    </message>
    <message>
        <source>The last rule load failed; the previous rules keep running:
%1</source>
        <translation>Das letzte Laden der Regeln ist fehlgeschlagen; die bisherigen Regeln laufen weiter:
%1</translation>
    </message>
</context>
<context>
    <name>ppl::ChartSelectorDialog</name>
    <message>
        <source>Add chart</source>
        <translation>Diagramm hinzufügen</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add &amp;filter</source>
        <translation>&amp;Filter hinzufügen</translation>
    </message>
    <message>
        <source>Remove filter</source>
        <translation>Filter entfernen</translation>
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
        <source>Selector:</source>
        <translation>Selektor:</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>differs from</source>
        <translation>ungleich</translation>
    </message>
    <message>
        <source>matches the regular expression (whole value)</source>
        <translation>passt auf den regulären Ausdruck (ganzer Wert)</translation>
    </message>
    <message>
        <source>does not match the regular expression</source>
        <translation>passt nicht auf den regulären Ausdruck</translation>
    </message>
    <message>
        <source>&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;✖ %2</source>
        <translation>&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;✖ %2</translation>
    </message>
    <message numerus="yes">
        <source>&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;matches %n series now</source>
        <translation>
            <numerusform>&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;passt jetzt auf %n Zeitreihe</numerusform>
            <numerusform>&lt;code&gt;%1&lt;/code&gt;&lt;br&gt;passt jetzt auf %n Zeitreihen</numerusform>
        </translation>
    </message>
    <message>
        <source>any PromQL expression, e.g. sum by (job) (rate(x[1m]))</source>
        <translation>ein beliebiger PromQL-Ausdruck, z. B. sum by (job) (rate(x[1m]))</translation>
    </message>
    <message>
        <source>Expression:</source>
        <translation>Ausdruck:</translation>
    </message>
    <message>
        <source>Or pick a metric and filters; the selector goes into the expression:</source>
        <translation>Oder wählen Sie eine Metrik und Filter; der Selektor kommt in den Ausdruck:</translation>
    </message>
    <message>
        <source>✔ a valid expression</source>
        <translation>✔ ein gültiger Ausdruck</translation>
    </message>
    <message>
        <source>✖ %1</source>
        <translation>✖ %1</translation>
    </message>
</context>
<context>
    <name>ppl::ChartsPanel</name>
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
        <translation>up (1: Scrape gelungen, 0: fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Age of pushed groups</source>
        <translation>Alter gepushter Gruppen</translation>
    </message>
    <message>
        <source>time() − push_time_seconds: it keeps growing after a job died, while the gateway goes on serving its last value.</source>
        <translation>time() − push_time_seconds: wächst weiter, nachdem ein Job gestorben ist, während das Gateway seinen letzten Wert weiter ausliefert.</translation>
    </message>
    <message>
        <source>Chart %1: %2</source>
        <translation>Diagramm %1: %2</translation>
    </message>
    <message>
        <source>Timestamps of a job</source>
        <translation>Zeitstempel eines Jobs</translation>
    </message>
    <message>
        <source>Age of each pushed group, in s: time() - push_time_seconds</source>
        <translation>Alter jeder gepushten Gruppe, in s: time() - push_time_seconds</translation>
    </message>
</context>
<context>
    <name>ppl::CheckConfig</name>
    <message>
        <source>pullpush-lab: error: path '%1' does not exist</source>
        <translation>pullpush-lab: error: path '%1' does not exist</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <source>  notice: %1</source>
        <translation>  Hinweis: %1</translation>
    </message>
</context>
<context>
    <name>ppl::CheckMetrics</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>OK: %1 families, %2 samples</source>
        <translation>OK: %1 Familien, %2 Samples</translation>
    </message>
    <message>
        <source>OK: %1 families, %2 samples (OpenMetrics)</source>
        <translation>OK: %1 Familien, %2 Samples (OpenMetrics)</translation>
    </message>
</context>
<context>
    <name>ppl::ClassReport</name>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: not a lesson report</source>
        <translation>%1: kein Lektionsbericht</translation>
    </message>
    <message>
        <source>Class report</source>
        <translation>Kursbericht</translation>
    </message>
    <message>
        <source>Steps most students struggled with</source>
        <translation>Schritte, mit denen die meisten Teilnehmer Mühe hatten</translation>
    </message>
    <message>
        <source>%1 of %2 passed, %3 hints, %4 wrong predictions</source>
        <translation>%1 von %2 bestanden, %3 Hinweise, %4 falsche Vorhersagen</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Time to pass (s)</source>
        <translation>Zeit bis bestanden (s)</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Predictions right</source>
        <translation>Vorhersagen richtig</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
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
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Median time (s)</source>
        <translation>Medianzeit (s)</translation>
    </message>
    <message>
        <source>Wrong predictions</source>
        <translation>Falsche Vorhersagen</translation>
    </message>
    <message>
        <source>--class-report: no directory %1</source>
        <translation>--class-report: kein Verzeichnis %1</translation>
    </message>
    <message>
        <source>skipped %1</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message>
        <source>--class-report: no lesson reports in %1</source>
        <translation>--class-report: keine Lektionsberichte in %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n student row(s) written</source>
        <translation>
            <numerusform>%n Teilnehmerzeile geschrieben</numerusform>
            <numerusform>%n Teilnehmerzeilen geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>struggled with: %1 / %2 (%3 of %4 passed)</source>
        <translation>Mühe mit: %1 / %2 (%3 von %4 bestanden)</translation>
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
        <translation>Erreichbarkeit</translation>
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
        <translation>Hängt vom Scrape-Intervall ab</translation>
    </message>
    <message>
        <source>Immediate (but then depends on Pushgateway scrape interval)</source>
        <translation>Sofort (hängt dann aber vom Scrape-Intervall des Pushgateways ab)</translation>
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
        <translation>Prometheus muss alle Scrapes bewältigen</translation>
    </message>
    <message>
        <source>Distributed across applications</source>
        <translation>Auf die Anwendungen verteilt</translation>
    </message>
    <message numerus="yes">
        <source>%n failed push(es)</source>
        <translation>
            <numerusform>%n fehlgeschlagener Push</numerusform>
            <numerusform>%n fehlgeschlagene Pushes</numerusform>
        </translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>noch nicht gemessen</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of prometheus.yml</source>
        <translation>
            <numerusform>%n Zeile prometheus.yml</numerusform>
            <numerusform>%n Zeilen prometheus.yml</numerusform>
        </translation>
    </message>
    <message>
        <source>killed</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>hung</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>firewalled</source>
        <translation>hinter Firewall</translation>
    </message>
    <message>
        <source>answering errors</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <source>flapping</source>
        <translation>wechselnd erreichbar</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich beendet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>was stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>Pull, measured here</source>
        <translation>Pull, hier gemessen</translation>
    </message>
    <message>
        <source>Push, measured here</source>
        <translation>Push, hier gemessen</translation>
    </message>
    <message>
        <source>Left: the seed article. Right: what this lab measured since the scenario started (hover a cell for how).</source>
        <translation>Links: der Ausgangsartikel. Rechts: was dieses Labor seit dem Start des Szenarios gemessen hat (wie, zeigt der Tooltip einer Zelle).</translation>
    </message>
    <message numerus="yes">
        <source>%n scrape(s) started by the server</source>
        <translation>
            <numerusform>%n Scrape vom Server gestartet</numerusform>
            <numerusform>%n Scrapes vom Server gestartet</numerusform>
        </translation>
    </message>
    <message>
        <source>Every scrape of a target (the gateway's scrapes are counted on the push side).</source>
        <translation>Jeder Scrape eines Ziels (die Scrapes des Gateways zählen auf der Push-Seite).</translation>
    </message>
    <message numerus="yes">
        <source>%n push(es) sent by jobs and targets</source>
        <translation>
            <numerusform>%n Push von Jobs und Zielen gesendet</numerusform>
            <numerusform>%n Pushes von Jobs und Zielen gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) known from the configuration, %1 of them pods</source>
        <translation>
            <numerusform>%n Ziel aus der Konfiguration bekannt, davon %1 Pods</numerusform>
            <numerusform>%n Ziele aus der Konfiguration bekannt, davon %1 Pods</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) at the gateway, each created by its pusher</source>
        <translation>
            <numerusform>%n Gruppe am Gateway, angelegt von ihrem Pusher</numerusform>
            <numerusform>%n Gruppen am Gateway, jede angelegt von ihrem Pusher</numerusform>
        </translation>
    </message>
    <message>
        <source>The server knows only the gateway; groups appear when something pushes.</source>
        <translation>Der Server kennt nur das Gateway; Gruppen entstehen, wenn etwas pusht.</translation>
    </message>
    <message>
        <source>✔ detected: %1 %2, up = 0 in the store after %3 s</source>
        <translation>✔ erkannt: %1 %2, up = 0 im Speicher nach %3 s</translation>
    </message>
    <message>
        <source>%1 came back before a scrape noticed it was %2</source>
        <translation>%1 war wieder da, bevor ein Scrape es bemerkte (%2)</translation>
    </message>
    <message>
        <source>… not detected yet: %1 %2 %3 s ago</source>
        <translation>… noch nicht erkannt: %1 seit %3 s %2</translation>
    </message>
    <message numerus="yes">
        <source>median %1 s over %n detected death(s)</source>
        <translation>
            <numerusform>Median %1 s über %n erkannten Ausfall</numerusform>
            <numerusform>Median %1 s über %n erkannte Ausfälle</numerusform>
        </translation>
    </message>
    <message>
        <source>From the moment a target was killed, hung, firewalled or started failing to the scrape that stored up = 0 for it.</source>
        <translation>Vom Moment, in dem ein Ziel beendet wurde, hängen blieb, hinter eine Firewall kam oder zu scheitern begann, bis zu dem Scrape, der für es up = 0 speicherte.</translation>
    </message>
    <message>
        <source>no target has died yet: kill one to see</source>
        <translation>noch kein Ziel ausgefallen: beenden Sie eines, um es zu sehen</translation>
    </message>
    <message>
        <source>Kill, hang or firewall a target: the next scrape stores up = 0.</source>
        <translation>Ein Ziel beenden, hängen lassen oder hinter eine Firewall stellen: der nächste Scrape speichert up = 0.</translation>
    </message>
    <message>
        <source>✘ not detected: %1 %2 %3 s ago</source>
        <translation>✘ nicht erkannt: %1 vor %3 s %2</translation>
    </message>
    <message>
        <source>the store still serves its push from %1 s ago</source>
        <translation>der Speicher liefert noch seinen Push von vor %1 s</translation>
    </message>
    <message>
        <source>its last push was %1 s ago</source>
        <translation>sein letzter Push war vor %1 s</translation>
    </message>
    <message>
        <source>When a pusher stops nothing in the store changes: no up = 0, its group keeps being scraped and push_time_seconds only ages. Detecting it needs a rule on time() - push_time_seconds.</source>
        <translation>Wenn ein Pusher aufhört, ändert sich im Speicher nichts: kein up = 0, seine Gruppe wird weiter gescrapt und push_time_seconds altert nur. Um das zu erkennen, braucht es eine Regel auf time() - push_time_seconds.</translation>
    </message>
    <message>
        <source>no push job has ended yet</source>
        <translation>noch kein Push-Job beendet</translation>
    </message>
    <message>
        <source>Run a push job: when it ends, see whether anything notices.</source>
        <translation>Einen Push-Job ausführen: sehen, ob irgendetwas bemerkt, wenn er endet.</translation>
    </message>
    <message numerus="yes">
        <source>%n failed scrape(s): refused, timed out, firewalled</source>
        <translation>
            <numerusform>%n fehlgeschlagener Scrape: abgewiesen, Zeitüberschreitung, Firewall</numerusform>
            <numerusform>%n fehlgeschlagene Scrapes: abgewiesen, Zeitüberschreitung, Firewall</numerusform>
        </translation>
    </message>
    <message>
        <source>The server must reach every target's port.</source>
        <translation>Der Server muss den Port jedes Ziels erreichen.</translation>
    </message>
    <message>
        <source>Every job must reach the gateway; the server only reaches the gateway.</source>
        <translation>Jeder Job muss das Gateway erreichen; der Server erreicht nur das Gateway.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n short run(s) never scraped (%2 shorter than the interval)</source>
        <translation>
            <numerusform>%n kurzer Lauf, davon %1 nie gescrapt (%2 kürzer als das Intervall)</numerusform>
            <numerusform>%n kurze Läufe, davon %1 nie gescrapt (%2 kürzer als das Intervall)</numerusform>
        </translation>
    </message>
    <message>
        <source>no job that only exposes /metrics while it runs has run yet</source>
        <translation>noch kein Job gelaufen, der /metrics nur während seines Laufs anbietet</translation>
    </message>
    <message>
        <source>Runs of jobs without a push: a run is missed when no successful scrape of its port started while it ran.</source>
        <translation>Läufe von Jobs ohne Push: ein Lauf wird verpasst, wenn während seiner Laufzeit kein erfolgreicher Scrape seines Ports begann.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n ended run(s) pushed their results</source>
        <translation>
            <numerusform>%n beendeter Lauf, davon %1 mit gepushtem Ergebnis</numerusform>
            <numerusform>%n beendete Läufe, davon %1 mit gepushtem Ergebnis</numerusform>
        </translation>
    </message>
    <message>
        <source>no push job has run yet</source>
        <translation>noch kein Push-Job gelaufen</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) linger without a running pusher, the oldest %1 s old</source>
        <translation>
            <numerusform>%n Gruppe bleibt ohne laufenden Pusher liegen, %1 s alt</numerusform>
            <numerusform>%n Gruppen bleiben ohne laufenden Pusher liegen, die älteste %1 s alt</numerusform>
        </translation>
    </message>
    <message>
        <source>A run's result is kept once its push got in; the group's value age is now - push_time_seconds.</source>
        <translation>Das Ergebnis eines Laufs bleibt erhalten, sobald sein Push angekommen ist; das Alter des Gruppenwerts ist now - push_time_seconds.</translation>
    </message>
    <message numerus="yes">
        <source>Median delay from a value changing to the scrape that stored it, over the last %n change(s). Change times are exact: the busiest route's http_requests_total steps at known instants of the target's clock.</source>
        <translation>
            <numerusform>Median der Verzögerung von der Änderung eines Werts bis zu dem Scrape, der ihn speicherte, über die letzte Änderung. Die Änderungszeiten sind exakt: http_requests_total der meistgenutzten Route steigt zu bekannten Zeitpunkten der Uhr des Ziels.</numerusform>
            <numerusform>Median der Verzögerung von der Änderung eines Werts bis zu dem Scrape, der ihn speicherte, über die letzten %n Änderungen. Die Änderungszeiten sind exakt: http_requests_total der meistgenutzten Route steigt zu bekannten Zeitpunkten der Uhr des Ziels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Median delay from a value changing to the scrape that stored it, over the last %n change(s). These values change continuously, so instants spread evenly between scrapes stand for the changes.</source>
        <translation>
            <numerusform>Median der Verzögerung von der Änderung eines Werts bis zu dem Scrape, der ihn speicherte, über die letzte Änderung. Diese Werte ändern sich laufend, daher stehen gleichmäßig zwischen den Scrapes verteilte Zeitpunkte für die Änderungen.</numerusform>
            <numerusform>Median der Verzögerung von der Änderung eines Werts bis zu dem Scrape, der ihn speicherte, über die letzten %n Änderungen. Diese Werte ändern sich laufend, daher stehen gleichmäßig zwischen den Scrapes verteilte Zeitpunkte für die Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>median %1 s from a change to the store (scraped every %2 s)</source>
        <translation>im Median %1 s von einer Änderung bis in den Speicher (alle %2 s gescrapt)</translation>
    </message>
    <message>
        <source>median %1 s from a change to the store</source>
        <translation>im Median %1 s von einer Änderung bis in den Speicher</translation>
    </message>
    <message>
        <source>median %1 s from a push to the store (gateway scraped every %2 s)</source>
        <translation>im Median %1 s von einem Push bis in den Speicher (Gateway alle %2 s gescrapt)</translation>
    </message>
    <message>
        <source>median %1 s from a push to the store</source>
        <translation>im Median %1 s von einem Push bis in den Speicher</translation>
    </message>
    <message numerus="yes">
        <source>Median delay from a push the gateway accepted to the end of the next successful scrape of the gateway, over the last %n push(es).</source>
        <translation>
            <numerusform>Median der Verzögerung von einem vom Gateway angenommenen Push bis zum Ende des nächsten erfolgreichen Scrapes des Gateways, über den letzten Push.</numerusform>
            <numerusform>Median der Verzögerung von einem vom Gateway angenommenen Push bis zum Ende des nächsten erfolgreichen Scrapes des Gateways, über die letzten %n Pushes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything the server needs to know to find and scrape the targets.</source>
        <translation>Alles, was der Server wissen muss, um die Ziele zu finden und zu scrapen.</translation>
    </message>
    <message numerus="yes">
        <source>a gateway URL and a grouping key in each of %n job(s), plus a scrape job for the gateway</source>
        <translation>
            <numerusform>eine Gateway-URL und ein Grouping Key in %n Job, dazu ein Scrape-Job für das Gateway</numerusform>
            <numerusform>eine Gateway-URL und ein Grouping Key in jedem der %n Jobs, dazu ein Scrape-Job für das Gateway</numerusform>
        </translation>
    </message>
    <message>
        <source>Every pusher carries its own configuration; the server needs honor_labels.</source>
        <translation>Jeder Pusher bringt seine eigene Konfiguration mit; der Server braucht honor_labels.</translation>
    </message>
    <message numerus="yes">
        <source>%1 scrapes/s by one server for %n target(s)</source>
        <translation>
            <numerusform>%1 Scrapes/s durch einen Server für %n Ziel</numerusform>
            <numerusform>%1 Scrapes/s durch einen Server für %n Ziele</numerusform>
        </translation>
    </message>
    <message>
        <source>Over the last minute of lab time.</source>
        <translation>Über die letzte Minute Laborzeit.</translation>
    </message>
    <message numerus="yes">
        <source>%1 pushes/s spread over %n job(s); one gateway holds %2 group(s)</source>
        <translation>
            <numerusform>%1 Pushes/s von %n Job; ein Gateway hält %2 Gruppe(n)</numerusform>
            <numerusform>%1 Pushes/s, verteilt auf %n Jobs; ein Gateway hält %2 Gruppe(n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of them from %n pusher(s) outside the lab</source>
        <translation>
            <numerusform>%1 davon von %n Pusher außerhalb des Labors</numerusform>
            <numerusform>%1 davon von %n Pushern außerhalb des Labors</numerusform>
        </translation>
    </message>
    <message>
        <source>Every PUT or POST to the gateway, accepted or not: the lab's jobs and targets, and clients outside the lab (curl, client libraries) told apart by User-Agent.</source>
        <translation>Jeder PUT oder POST an das Gateway, angenommen oder nicht: die Jobs und Targets des Labors und Clients außerhalb des Labors (curl, Client-Bibliotheken), unterschieden am User-Agent.</translation>
    </message>
    <message numerus="yes">
        <source>%n of them outside the lab (programs it does not run)</source>
        <translation>
            <numerusform>%n davon außerhalb des Labors (ein Programm, das es nicht ausführt)</numerusform>
            <numerusform>%n davon außerhalb des Labors (Programme, die es nicht ausführt)</numerusform>
        </translation>
    </message>
    <message>
        <source>Targets the server finds on its own: static configs and pods discovered by annotation, the lab's simulated targets and programs outside the lab alike.</source>
        <translation>Targets, die der Server selbst findet: statische Konfigurationen und per Annotation entdeckte Pods, simulierte Targets des Labors und Programme außerhalb des Labors gleichermaßen.</translation>
    </message>
    <message numerus="yes">
        <source>and %n pusher(s) outside the lab</source>
        <translation>
            <numerusform>und %n Pusher außerhalb des Labors</numerusform>
            <numerusform>und %n Pusher außerhalb des Labors</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ detected: %1 (%2) stopped answering, up = 0 in the store at most %3 s after its last good scrape</source>
        <translation>✔ erkannt: %1 (%2) antwortet nicht mehr, up = 0 im Speicher höchstens %3 s nach dem letzten erfolgreichen Scrape</translation>
    </message>
    <message>
        <source>%1 (%2) answered again before up = 0 was stored</source>
        <translation>%1 (%2) antwortete wieder, bevor up = 0 gespeichert wurde</translation>
    </message>
    <message>
        <source>… not detected yet: %1 (%2) stopped answering</source>
        <translation>… noch nicht erkannt: %1 (%2) antwortet nicht mehr</translation>
    </message>
</context>
<context>
    <name>ppl::ConfigLoader</name>
    <message>
        <source>invalid YAML: %1</source>
        <translation>ungültiges YAML: %1</translation>
    </message>
    <message>
        <source>expected a single value for %1</source>
        <translation>einzelner Wert erwartet für %1</translation>
    </message>
    <message>
        <source>expected true or false, got "%1"</source>
        <translation>true oder false erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>expected a list for %1</source>
        <translation>Liste erwartet für %1</translation>
    </message>
    <message>
        <source>expected a mapping of label names to values</source>
        <translation>Mapping von Label-Namen auf Werte erwartet</translation>
    </message>
    <message>
        <source>"%1" is not a valid label name</source>
        <translation>"%1" is not a valid label name</translation>
    </message>
    <message>
        <source>expected a mapping (global:, scrape_configs:, …) at the top level</source>
        <translation>auf der obersten Ebene wird ein Mapping erwartet (global:, scrape_configs:, …)</translation>
    </message>
    <message>
        <source>scrape_configs must be a list of jobs ("- job_name: …")</source>
        <translation>scrape_configs muss eine Liste von Jobs sein („- job_name: …“)</translation>
    </message>
    <message>
        <source>found multiple scrape configs with job name "%1"</source>
        <translation>found multiple scrape configs with job name "%1"</translation>
    </message>
    <message>
        <source>global must be a mapping</source>
        <translation>global muss ein Mapping sein</translation>
    </message>
    <message>
        <source>global scrape timeout greater than scrape interval</source>
        <translation>global scrape timeout greater than scrape interval</translation>
    </message>
    <message>
        <source>each entry of scrape_configs must be a mapping (job_name: …)</source>
        <translation>jeder Eintrag von scrape_configs muss ein Mapping sein (job_name: …)</translation>
    </message>
    <message>
        <source>job_name is empty</source>
        <translation>job_name is empty</translation>
    </message>
    <message>
        <source>scrape timeout greater than scrape interval for scrape config with job name "%1"</source>
        <translation>scrape timeout greater than scrape interval for scrape config with job name "%1"</translation>
    </message>
    <message>
        <source>params must be a mapping of names to lists of values</source>
        <translation>params muss ein Mapping von Namen auf Wertelisten sein</translation>
    </message>
    <message>
        <source>%1 must be a list ("- …")</source>
        <translation>%1 muss eine Liste sein („- …“)</translation>
    </message>
    <message>
        <source>basic_auth must be a mapping (username, password)</source>
        <translation>basic_auth muss ein Mapping sein (username, password)</translation>
    </message>
    <message>
        <source>at most one of basic_auth password &amp; password_file must be configured</source>
        <translation>at most one of basic_auth password &amp; password_file must be configured</translation>
    </message>
    <message>
        <source>each static_configs entry must be a mapping (targets:, labels:)</source>
        <translation>jeder Eintrag von static_configs muss ein Mapping sein (targets:, labels:)</translation>
    </message>
    <message>
        <source>"%1" is not a valid hostname</source>
        <translation>"%1" is not a valid hostname</translation>
    </message>
    <message>
        <source>each file_sd_configs entry must be a mapping (files:, refresh_interval:)</source>
        <translation>jeder Eintrag von file_sd_configs muss ein Mapping sein (files:, refresh_interval:)</translation>
    </message>
    <message>
        <source>file service discovery config must contain at least one path name</source>
        <translation>file service discovery config must contain at least one path name</translation>
    </message>
    <message>
        <source>path name "%1" is not valid for file discovery</source>
        <translation>path name "%1" is not valid for file discovery</translation>
    </message>
    <message>
        <source>each kubernetes_sd_configs entry must be a mapping (role: pod)</source>
        <translation>jeder Eintrag von kubernetes_sd_configs muss ein Mapping sein (role: pod)</translation>
    </message>
    <message>
        <source>role missing (one of: pod, service, endpoints, endpointslice, node, ingress)</source>
        <translation>role missing (one of: pod, service, endpoints, endpointslice, node, ingress)</translation>
    </message>
    <message>
        <source>unknown Kubernetes SD role "%1"</source>
        <translation>unknown Kubernetes SD role "%1"</translation>
    </message>
    <message>
        <source>kubernetes_sd_configs role "%1" is not simulated by the lab; only role: pod discovers targets</source>
        <translation>kubernetes_sd_configs-Rolle „%1“ wird vom Labor nicht simuliert; nur role: pod findet Ziele</translation>
    </message>
    <message>
        <source>namespaces must be a mapping (names: […])</source>
        <translation>namespaces muss ein Mapping sein (names: […])</translation>
    </message>
    <message>
        <source>relabel configs must be a list of rules ("- action: …")</source>
        <translation>Relabel-Konfigurationen müssen eine Liste von Regeln sein („- action: …“)</translation>
    </message>
    <message>
        <source>each relabel rule must be a mapping (source_labels:, action:, …)</source>
        <translation>jede Relabel-Regel muss ein Mapping sein (source_labels:, action:, …)</translation>
    </message>
    <message>
        <source>unknown relabel action "%1"</source>
        <translation>unknown relabel action "%1"</translation>
    </message>
    <message>
        <source>modulus must be a non-negative integer</source>
        <translation>modulus muss eine nicht negative ganze Zahl sein</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot unmarshal %1 `%2` into uint</source>
        <translation>cannot unmarshal %1 `%2` into uint</translation>
    </message>
    <message>
        <source>cannot unmarshal a list or mapping into uint</source>
        <translation>cannot unmarshal a list or mapping into uint</translation>
    </message>
    <message>
        <source>units: invalid %1</source>
        <translation>units: invalid %1</translation>
    </message>
    <message>
        <source>units: unknown unit %1 in %2</source>
        <translation>units: unknown unit %1 in %2</translation>
    </message>
    <message>
        <source>units: overflow parsing unit</source>
        <translation>units: overflow parsing unit</translation>
    </message>
    <message>
        <source>key "%1" already set in map</source>
        <translation>key "%1" already set in map</translation>
    </message>
    <message>
        <source>"%1" is not a valid label value</source>
        <translation>"%1" is not a valid label value</translation>
    </message>
    <message>
        <source>invalid rule file path "%1"</source>
        <translation>invalid rule file path "%1"</translation>
    </message>
    <message>
        <source>empty or null scrape config section</source>
        <translation>empty or null scrape config section</translation>
    </message>
    <message>
        <source>scheme "%1" is valid for Prometheus 2.42 but not simulated by the lab: its scrapes will fail (the lab's scraper speaks plain HTTP)</source>
        <translation>Schema „%1“ ist für Prometheus 2.42 gültig, wird vom Labor aber nicht simuliert: seine Scrapes schlagen fehl (der Scraper des Labors spricht nur einfaches HTTP)</translation>
    </message>
    <message>
        <source>empty or null section in static_configs</source>
        <translation>empty or null section in static_configs</translation>
    </message>
    <message>
        <source>empty or null target relabeling rule in scrape config</source>
        <translation>empty or null target relabeling rule in scrape config</translation>
    </message>
    <message>
        <source>empty or null metric relabeling rule in scrape config</source>
        <translation>empty or null metric relabeling rule in scrape config</translation>
    </message>
    <message>
        <source>empty or null alert relabeling rule</source>
        <translation>empty or null alert relabeling rule</translation>
    </message>
    <message>
        <source>empty or null Alertmanager target relabeling rule</source>
        <translation>empty or null Alertmanager target relabeling rule</translation>
    </message>
    <message>
        <source>empty or null remote write config section</source>
        <translation>empty or null remote write config section</translation>
    </message>
    <message>
        <source>empty or null remote read config section</source>
        <translation>empty or null remote read config section</translation>
    </message>
    <message>
        <source>empty or null relabeling rule in remote write config</source>
        <translation>empty or null relabeling rule in remote write config</translation>
    </message>
    <message>
        <source>relabel action cannot be empty</source>
        <translation>relabel action cannot be empty</translation>
    </message>
    <message>
        <source>alerting must be a mapping (alertmanagers:, alert_relabel_configs:)</source>
        <translation>alerting muss ein Mapping sein (alertmanagers:, alert_relabel_configs:)</translation>
    </message>
    <message>
        <source>alertmanagers must be a list ("- static_configs: …")</source>
        <translation>alertmanagers muss eine Liste sein („- static_configs: …“)</translation>
    </message>
    <message>
        <source>each alertmanagers entry must be a mapping (static_configs:, …)</source>
        <translation>jeder Eintrag von alertmanagers muss ein Mapping sein (static_configs:, …)</translation>
    </message>
    <message>
        <source>expected Alertmanager api version to be one of [v1 v2] but got %1</source>
        <translation>expected Alertmanager api version to be one of [v1 v2] but got %1</translation>
    </message>
    <message>
        <source>static_configs must be a list ("- …")</source>
        <translation>static_configs muss eine Liste sein („- …“)</translation>
    </message>
</context>
<context>
    <name>ppl::ConfigSchemaChecker</name>
    <message>
        <source>field %1 already set in type %2</source>
        <translation>field %1 already set in type %2</translation>
    </message>
    <message>
        <source>Hint: each key may appear once in a section; merge the two blocks.</source>
        <translation>Hinweis: Jeder Schlüssel darf in einem Abschnitt nur einmal vorkommen; führen Sie die beiden Blöcke zusammen.</translation>
    </message>
    <message>
        <source>%1 is valid for Prometheus 2.42 but not simulated by the lab: it has no effect here</source>
        <translation>%1 ist für Prometheus 2.42 gültig, wird vom Labor aber nicht simuliert: hier hat es keine Wirkung</translation>
    </message>
    <message>
        <source>Hint: targets and their labels go inside static_configs: "static_configs:" then "- targets: ['host:port']", indented under the job.</source>
        <translation>Hinweis: Ziele und ihre Labels gehören in static_configs: „static_configs:“, dann „- targets: ['host:port']“, eingerückt unter dem Job.</translation>
    </message>
    <message>
        <source>Hint: %1 belongs to a scrape config, at the same level as job_name (not under global, static_configs or the top level).</source>
        <translation>Hinweis: %1 gehört in eine Scrape-Konfiguration, auf dieselbe Ebene wie job_name (nicht unter global, static_configs oder auf die oberste Ebene).</translation>
    </message>
    <message>
        <source>Hint: %1 belongs to a scrape config. It looks as if the indentation was lost (as copying from a web page does): indent the job's keys under "- job_name: …".</source>
        <translation>Hinweis: %1 gehört in eine Scrape-Konfiguration. Offenbar ist die Einrückung verloren gegangen (wie beim Kopieren aus einer Webseite): Rücken Sie die Schlüssel des Jobs unter „- job_name: …“ ein.</translation>
    </message>
    <message>
        <source>Hint: %1 is a top-level section; write it at the start of a line, not inside a job.</source>
        <translation>Hinweis: %1 ist ein Abschnitt der obersten Ebene; schreiben Sie ihn an den Anfang einer Zeile, nicht in einen Job.</translation>
    </message>
    <message>
        <source>Hint: in Prometheus 2.42, %1 is set per scrape config, not under global.</source>
        <translation>Hinweis: In Prometheus 2.42 wird %1 pro Scrape-Konfiguration gesetzt, nicht unter global.</translation>
    </message>
    <message>
        <source>field %1 not found in type %2</source>
        <translation>field %1 not found in type %2</translation>
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
    <name>ppl::FileSd</name>
    <message>
        <source>expected a string for %1</source>
        <translation>Zeichenkette erwartet für %1</translation>
    </message>
    <message>
        <source>expected a list of target groups ([{targets: [...], labels: {...}}])</source>
        <translation>Liste von Zielgruppen erwartet ([{targets: [...], labels: {...}}])</translation>
    </message>
    <message>
        <source>nil target group item found</source>
        <translation>nil target group item found</translation>
    </message>
    <message>
        <source>labels must be a mapping</source>
        <translation>labels muss ein Mapping sein</translation>
    </message>
    <message>
        <source>"%1" is not a valid label name</source>
        <translation>"%1" is not a valid label name</translation>
    </message>
    <message>
        <source>targets must be a list</source>
        <translation>targets muss eine Liste sein</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1: Zeile %2: %3</translation>
    </message>
</context>
<context>
    <name>ppl::GatewayClient</name>
    <message>
        <source>network partitioned</source>
        <translation>Netzwerk getrennt</translation>
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
    <message numerus="yes">
        <source>Pushed from outside the lab by %1 (User-Agent), %n request(s) so far.</source>
        <translation>
            <numerusform>Von außerhalb des Labors gepusht von %1 (User-Agent), bisher %n Anfrage.</numerusform>
            <numerusform>Von außerhalb des Labors gepusht von %1 (User-Agent), bisher %n Anfragen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pushed by</source>
        <translation>Gepusht von</translation>
    </message>
</context>
<context>
    <name>ppl::GatewayPanel</name>
    <message>
        <source>&amp;Persistence file</source>
        <translation>&amp;Persistenzdatei</translation>
    </message>
    <message>
        <source>Run the gateway with --persistence.file (a temporary file of the lab's). Like the real flag, it takes effect when the gateway restarts.</source>
        <translation>Das Gateway mit --persistence.file betreiben (eine temporäre Datei des Labors). Wie beim echten Schalter wirkt es erst beim nächsten Neustart des Gateways.</translation>
    </message>
    <message>
        <source>Persistence: on (groups survive a restart)</source>
        <translation>Persistenz: an (Gruppen überstehen einen Neustart)</translation>
    </message>
    <message>
        <source>Persistence: off (a restart loses every group)</source>
        <translation>Persistenz: aus (ein Neustart verliert alle Gruppen)</translation>
    </message>
    <message>
        <source>— turns on at the next restart</source>
        <translation>— wird beim nächsten Neustart eingeschaltet</translation>
    </message>
    <message>
        <source>— turns off at the next restart</source>
        <translation>— wird beim nächsten Neustart ausgeschaltet</translation>
    </message>
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
    <message>
        <source>&amp;Basic auth…</source>
        <translation>&amp;Basic-Auth…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+B</source>
        <translation>Ctrl+Alt+B</translation>
    </message>
    <message>
        <source>Require HTTP basic auth on the gateway, as the real one's --web.config.file with basic_auth_users (the password is stored as a bcrypt hash)</source>
        <translation>HTTP-Basic-Auth am Gateway verlangen, wie beim echten mit --web.config.file und basic_auth_users (das Passwort wird als bcrypt-Hash gespeichert)</translation>
    </message>
    <message>
        <source>Basic auth: %1</source>
        <translation>Basic-Auth: %1</translation>
    </message>
    <message>
        <source>Basic auth on the gateway</source>
        <translation>Basic-Auth am Gateway</translation>
    </message>
    <message>
        <source>Every request to the gateway then needs these credentials, the server's scrape of /metrics too: add basic_auth to the gateway's job in prometheus.yml, or watch its up go to 0 with 401. The lab's own jobs and targets push with them.</source>
        <translation>Jede Anfrage an das Gateway braucht dann diese Zugangsdaten, auch der Scrape von /metrics durch den Server: Ergänzen Sie basic_auth beim Job des Gateways in prometheus.yml, oder beobachten Sie, wie sein up mit 401 auf 0 geht. Die eigenen Jobs und Targets des Labors pushen damit.</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Basic auth: off (anyone on this machine may push)</source>
        <translation>Basic-Auth: aus (jeder auf diesem Rechner darf pushen)</translation>
    </message>
    <message>
        <source>Basic auth: on for user %1 (bcrypt); the server's scrape of the gateway needs basic_auth too</source>
        <translation>Basic-Auth: an für Benutzer %1 (bcrypt); der Scrape des Gateways durch den Server braucht ebenfalls basic_auth</translation>
    </message>
</context>
<context>
    <name>ppl::GatewayPersistence</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a lab Pushgateway persistence file</source>
        <translation>%1 ist keine Persistenzdatei des Labor-Pushgateways</translation>
    </message>
</context>
<context>
    <name>ppl::GroupingKey</name>
    <message>
        <source>invalid base64 encoding in job name %1</source>
        <translation>invalid base64 encoding in job name %1</translation>
    </message>
    <message>
        <source>odd number of components in label string %1</source>
        <translation>odd number of components in label string %1</translation>
    </message>
    <message>
        <source>improper label name %1</source>
        <translation>improper label name %1</translation>
    </message>
    <message>
        <source>invalid base64 encoding for label %1=%2</source>
        <translation>invalid base64 encoding for label %1=%2</translation>
    </message>
    <message>
        <source>job name is required</source>
        <translation>job name is required</translation>
    </message>
</context>
<context>
    <name>ppl::HeadlessScenario</name>
    <message>
        <source>--listen: "%1" is not HOST:PORT</source>
        <translation>--listen: „%1“ ist nicht HOST:PORT</translation>
    </message>
    <message>
        <source>--gateway-listen: "%1" is not HOST:PORT</source>
        <translation>--gateway-listen: „%1“ ist nicht HOST:PORT</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>--report: cannot write %1: %2</source>
        <translation>--report: %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ppl::HeadlessServer</name>
    <message>
        <source>cannot listen on %1:%2</source>
        <translation>kann nicht auf %1:%2 lauschen</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>couldn't load configuration (--config.file="%1"): parsing YAML file %1: %2</source>
        <translation>couldn't load configuration (--config.file="%1"): parsing YAML file %1: %2</translation>
    </message>
    <message>
        <source>error loading rules, previous rule set restored: %1</source>
        <translation>error loading rules, previous rule set restored: %1</translation>
    </message>
</context>
<context>
    <name>ppl::HeadlessServers</name>
    <message>
        <source>--headless needs --scenario, --config or --gateway-listen.</source>
        <translation>--headless braucht --scenario, --config oder --gateway-listen.</translation>
    </message>
    <message>
        <source>invalid --gateway-listen address: %1</source>
        <translation>ungültige Adresse für --gateway-listen: %1</translation>
    </message>
    <message>
        <source>invalid --gateway-basic-auth: expected USER:BCRYPT-HASH</source>
        <translation>ungültiges --gateway-basic-auth: erwartet USER:BCRYPT-HASH</translation>
    </message>
    <message>
        <source>invalid --listen address: %1</source>
        <translation>ungültige Adresse für --listen: %1</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>configuration reloaded</source>
        <translation>Konfiguration neu geladen</translation>
    </message>
</context>
<context>
    <name>ppl::HttpFront</name>
    <message>
        <source>request body larger than %1 bytes</source>
        <translation>request body larger than %1 bytes</translation>
    </message>
</context>
<context>
    <name>ppl::JobDialog</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Delete the group after</source>
        <translation>Gruppe &amp;löschen nach</translation>
    </message>
    <message>
        <source>R&amp;epeat every</source>
        <translation>&amp;Wiederholen alle</translation>
    </message>
    <message>
        <source>Run it &amp;now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>Add job</source>
        <translation>Job hinzufügen</translation>
    </message>
    <message>
        <source>Edit job %1</source>
        <translation>Job %1 bearbeiten</translation>
    </message>
    <message>
        <source>A short-lived batch job: it runs for its duration, succeeds or fails, and then pushes its metrics to the lab's Pushgateway (PUT replaces the whole group, POST only the pushed metrics; with no push it only serves /metrics while it runs).</source>
        <translation>Ein kurzlebiger Batch-Job: Er läuft für seine Dauer, gelingt oder scheitert und pusht dann seine Metriken an das Pushgateway des Labors (PUT ersetzt die ganze Gruppe, POST nur die gepushten Metriken; ohne Push stellt er nur /metrics bereit, solange er läuft).</translation>
    </message>
    <message>
        <source>PUT (push: replaces the group)</source>
        <translation>PUT (push: ersetzt die Gruppe)</translation>
    </message>
    <message>
        <source>POST (pushadd: replaces the pushed metrics)</source>
        <translation>POST (pushadd: ersetzt die gepushten Metriken)</translation>
    </message>
    <message>
        <source>none (only /metrics while running)</source>
        <translation>keiner (nur /metrics während der Laufzeit)</translation>
    </message>
    <message>
        <source>empty: job=&lt;name&gt;; or job=backup, instance=db-1</source>
        <translation>leer: job=&lt;Name&gt;; oder job=backup, instance=db-1</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;ame:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>&amp;Success probability:</source>
        <translation>&amp;Erfolgswahrscheinlichkeit:</translation>
    </message>
    <message>
        <source>&amp;Push:</source>
        <translation>&amp;Push:</translation>
    </message>
    <message>
        <source>&amp;Grouping key:</source>
        <translation>&amp;Grouping Key:</translation>
    </message>
    <message>
        <source>the grouping key is a list of label=value, separated by commas: "%1" has no =</source>
        <translation>der Grouping Key ist eine Liste von label=Wert, durch Kommas getrennt: "%1" hat kein =</translation>
    </message>
    <message>
        <source>The job was saved, but it did not start: %1</source>
        <translation>Der Job wurde gespeichert, aber er startete nicht: %1</translation>
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
    <message>
        <source>none</source>
        <translation>keiner</translation>
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
    <message>
        <source>&amp;Add job…</source>
        <translation>Job &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit job…</source>
        <translation>Job &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Re&amp;move job</source>
        <translation>Job &amp;entfernen</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Y</source>
        <translation>Ctrl+Shift+Y</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Stop and remove the selected job; its group stays at the gateway until deleted</source>
        <translation>Den gewählten Job anhalten und entfernen; seine Gruppe bleibt am Gateway, bis sie gelöscht wird</translation>
    </message>
    <message>
        <source>Remove job %1: %2</source>
        <translation>Job %1 entfernen: %2</translation>
    </message>
</context>
<context>
    <name>ppl::Lab</name>
    <message>
        <source>gateway persistence on: it takes effect when the gateway restarts</source>
        <translation>Gateway-Persistenz an: wirksam, sobald das Gateway neu startet</translation>
    </message>
    <message>
        <source>gateway persistence off: it takes effect when the gateway restarts</source>
        <translation>Gateway-Persistenz aus: wirksam, sobald das Gateway neu startet</translation>
    </message>
    <message>
        <source>configuration without %1 rejected: %2</source>
        <translation>Konfiguration ohne %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>target %1 removed</source>
        <translation>Ziel %1 entfernt</translation>
    </message>
    <message>
        <source>gateway: %1 %2 accepted (%3)</source>
        <translation>Gateway: %1 %2 angenommen (%3)</translation>
    </message>
    <message>
        <source>gateway: %1 %2 rejected (%3): %4</source>
        <translation>Gateway: %1 %2 abgelehnt (%3): %4</translation>
    </message>
    <message>
        <source>the lab gateway is not running</source>
        <translation>das Labor-Gateway läuft nicht</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2</source>
        <translation>kann nicht auf %1:%2 lauschen</translation>
    </message>
    <message>
        <source>scraped %1 (%2): %3 samples in %4 ms</source>
        <translation>%1 (%2) gescrapt: %3 Samples in %4 ms</translation>
    </message>
    <message>
        <source>scrape of %1 (%2) failed: %3</source>
        <translation>Scrape von %1 (%2) fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>%1 pushed %2 to %3: %4</source>
        <translation>%1 hat %2 an %3 gepusht: %4</translation>
    </message>
    <message>
        <source>%1's push to %2 failed: %3</source>
        <translation>Push von %1 an %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>%1 started on port %2</source>
        <translation>%1 auf Port %2 gestartet</translation>
    </message>
    <message>
        <source>%1 killed</source>
        <translation>%1 beendet</translation>
    </message>
    <message>
        <source>%1 healed</source>
        <translation>%1 geheilt</translation>
    </message>
    <message>
        <source>%1: fault %2</source>
        <translation>%1: Störung %2</translation>
    </message>
    <message>
        <source>%1 reachable again</source>
        <translation>%1 wieder erreichbar</translation>
    </message>
    <message>
        <source>%1 unreachable</source>
        <translation>%1 nicht erreichbar</translation>
    </message>
    <message>
        <source>a target needs a name</source>
        <translation>ein Ziel braucht einen Namen</translation>
    </message>
    <message>
        <source>the name "%1" is taken</source>
        <translation>der Name „%1“ ist bereits vergeben</translation>
    </message>
    <message>
        <source>%1 pushes to the lab gateway, which is not running</source>
        <translation>%1 pusht an das Labor-Gateway, das nicht läuft</translation>
    </message>
    <message>
        <source>a job needs a name</source>
        <translation>ein Job braucht einen Namen</translation>
    </message>
    <message>
        <source>%1 run %2 started</source>
        <translation>Lauf %2 von %1 gestartet</translation>
    </message>
    <message>
        <source>%1 run %2 stopped</source>
        <translation>Lauf %2 von %1 gestoppt</translation>
    </message>
    <message>
        <source>%1 run %2 succeeded</source>
        <translation>Lauf %2 von %1 erfolgreich</translation>
    </message>
    <message>
        <source>%1 run %2 failed (exit code %3)</source>
        <translation>Lauf %2 von %1 fehlgeschlagen (Exit-Code %3)</translation>
    </message>
    <message>
        <source>%1 deleted group %2: %3</source>
        <translation>%1 hat Gruppe %2 gelöscht: %3</translation>
    </message>
    <message>
        <source>%1 pushed to %2: %3</source>
        <translation>%1 hat an %2 gepusht: %3</translation>
    </message>
    <message>
        <source>%1's delete of %2 failed: %3</source>
        <translation>Löschen von %2 durch %1 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>a pod needs a name</source>
        <translation>ein Pod braucht einen Namen</translation>
    </message>
    <message>
        <source>pod %1/%2 added (port %3)</source>
        <translation>Pod %1/%2 hinzugefügt (Port %3)</translation>
    </message>
    <message>
        <source>no pod %1/%2</source>
        <translation>kein Pod %1/%2</translation>
    </message>
    <message>
        <source>pod %1/%2 removed</source>
        <translation>Pod %1/%2 entfernt</translation>
    </message>
    <message>
        <source>pod %1/%2: annotation %3 removed</source>
        <translation>Pod %1/%2: Annotation %3 entfernt</translation>
    </message>
    <message>
        <source>pod %1/%2: %3=%4</source>
        <translation>Pod %1/%2: %3=%4</translation>
    </message>
    <message>
        <source>no target named "%1"</source>
        <translation>kein Ziel namens „%1“</translation>
    </message>
    <message>
        <source>%1 is not running</source>
        <translation>%1 läuft nicht</translation>
    </message>
    <message>
        <source>%1 needs a positive duration</source>
        <translation>%1 braucht eine positive Dauer</translation>
    </message>
    <message>
        <source>no job named "%1"</source>
        <translation>kein Job namens „%1“</translation>
    </message>
    <message>
        <source>%1 is already running</source>
        <translation>%1 läuft bereits</translation>
    </message>
    <message>
        <source>network partitioned: the gateway is unreachable</source>
        <translation>Netzwerk getrennt: das Gateway ist nicht erreichbar</translation>
    </message>
    <message>
        <source>network partitioned: scrapes and pushes cannot get through</source>
        <translation>Netzwerk getrennt: Scrapes und Pushes kommen nicht durch</translation>
    </message>
    <message>
        <source>network partition healed</source>
        <translation>Netzwerktrennung aufgehoben</translation>
    </message>
    <message>
        <source>scenario action %1 (%2) failed: %3</source>
        <translation>Szenario-Aktion %1 (%2) fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>lab paused</source>
        <translation>Labor pausiert</translation>
    </message>
    <message>
        <source>lab resumed</source>
        <translation>Labor fortgesetzt</translation>
    </message>
    <message>
        <source>add_pod needs a pod</source>
        <translation>add_pod braucht einen Pod</translation>
    </message>
    <message>
        <source>configuration rejected: %1</source>
        <translation>Konfiguration abgelehnt: %1</translation>
    </message>
    <message>
        <source>configuration loaded</source>
        <translation>Konfiguration geladen</translation>
    </message>
    <message>
        <source>a grouping key starts with job</source>
        <translation>ein Grouping Key beginnt mit job</translation>
    </message>
    <message>
        <source>group %1 deleted</source>
        <translation>Gruppe %1 gelöscht</translation>
    </message>
    <message>
        <source>gateway restarted; groups reloaded from its persistence file</source>
        <translation>Gateway neu gestartet; Gruppen aus der Persistenzdatei neu geladen</translation>
    </message>
    <message>
        <source>gateway restarted without persistence; pushed groups are gone</source>
        <translation>Gateway ohne Persistenz neu gestartet; gepushte Gruppen sind weg</translation>
    </message>
    <message>
        <source>scenario %1 not started: %2</source>
        <translation>Szenario %1 nicht gestartet: %2</translation>
    </message>
    <message>
        <source>scenario %1 started</source>
        <translation>Szenario %1 gestartet</translation>
    </message>
    <message>
        <source>refusing to serve the lab's control API on %1, which other machines can reach, without a token: start the lab with --lab-token, or listen on 127.0.0.1</source>
        <translation>die Steuerungs-API des Labors wird auf %1, das andere Rechner erreichen können, nicht ohne Token angeboten: Starten Sie das Labor mit --lab-token oder lauschen Sie auf 127.0.0.1</translation>
    </message>
    <message>
        <source>error loading rules, previous rule set restored:
%1</source>
        <translation>error loading rules, previous rule set restored:
%1</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>feuert</translation>
    </message>
    <message>
        <source>alert %1 {%2} resolved (was %3)</source>
        <translation>Alarm %1 {%2} aufgelöst (war %3)</translation>
    </message>
    <message>
        <source>alert %1 {%2}: %3 → %4</source>
        <translation>Alarm %1 {%2}: %3 → %4</translation>
    </message>
    <message>
        <source>invalid --gateway-basic-auth: expected USER:BCRYPT-HASH</source>
        <translation>ungültiges --gateway-basic-auth: erwartet USER:BCRYPT-HASH</translation>
    </message>
    <message>
        <source>PULLPUSH_GATEWAY_PASSWORD does not match the --gateway-basic-auth hash</source>
        <translation>PULLPUSH_GATEWAY_PASSWORD passt nicht zum Hash von --gateway-basic-auth</translation>
    </message>
    <message>
        <source>a basic auth user name cannot hold ':' or control characters</source>
        <translation>ein Basic-Auth-Benutzername darf weder ':' noch Steuerzeichen enthalten</translation>
    </message>
    <message>
        <source>a basic auth password cannot be empty</source>
        <translation>ein Basic-Auth-Passwort darf nicht leer sein</translation>
    </message>
    <message>
        <source>the password could not be hashed with bcrypt</source>
        <translation>das Passwort konnte nicht mit bcrypt gehasht werden</translation>
    </message>
    <message>
        <source>the duration cannot be negative</source>
        <translation>die Dauer kann nicht negativ sein</translation>
    </message>
    <message>
        <source>the success probability is between 0 and 1</source>
        <translation>die Erfolgswahrscheinlichkeit liegt zwischen 0 und 1</translation>
    </message>
    <message>
        <source>the job label of a grouping key needs a value</source>
        <translation>das job-Label eines Grouping Keys braucht einen Wert</translation>
    </message>
    <message>
        <source>"%1" is not a valid label name</source>
        <translation>"%1" ist kein gültiger Labelname</translation>
    </message>
    <message>
        <source>the label "%1" appears twice in the grouping key</source>
        <translation>das Label "%1" kommt im Grouping Key zweimal vor</translation>
    </message>
    <message>
        <source>every is at least 100ms</source>
        <translation>every ist mindestens 100ms</translation>
    </message>
    <message numerus="yes">
        <source>a program outside the lab (User-Agent "%1") scraped %2 %n second(s) ago; outside programs run on wall time, so the lab stays at 1×</source>
        <translation>
            <numerusform>ein Programm außerhalb des Labors (User-Agent "%1") hat %2 vor %n Sekunde gescrapt; Programme außerhalb laufen in Echtzeit, daher bleibt das Labor bei 1×</numerusform>
            <numerusform>ein Programm außerhalb des Labors (User-Agent "%1") hat %2 vor %n Sekunden gescrapt; Programme außerhalb laufen in Echtzeit, daher bleibt das Labor bei 1×</numerusform>
        </translation>
    </message>
    <message>
        <source>job %1 pushes to %2, a Pushgateway outside the lab; it runs on wall time, so the lab stays at 1×</source>
        <translation>Job %1 pusht an %2, ein Pushgateway außerhalb des Labors; es läuft in Echtzeit, daher bleibt das Labor bei 1×</translation>
    </message>
    <message>
        <source>target %1 pushes to %2, a Pushgateway outside the lab; it runs on wall time, so the lab stays at 1×</source>
        <translation>Ziel %1 pusht an %2, ein Pushgateway außerhalb des Labors; es läuft in Echtzeit, daher bleibt das Labor bei 1×</translation>
    </message>
    <message>
        <source>this lab runs on wall time; its speed cannot change</source>
        <translation>dieses Labor läuft in Echtzeit; seine Geschwindigkeit lässt sich nicht ändern</translation>
    </message>
    <message>
        <source>the speed must be from %1× to %2×</source>
        <translation>die Geschwindigkeit muss zwischen %1× und %2× liegen</translation>
    </message>
    <message>
        <source>this lab runs on wall time; it cannot step</source>
        <translation>dieses Labor läuft in Echtzeit; Einzelschritte sind nicht möglich</translation>
    </message>
    <message>
        <source>step works while the lab is paused</source>
        <translation>Einzelschritte gehen nur, während das Labor pausiert ist</translation>
    </message>
    <message>
        <source>nothing is scheduled to step to</source>
        <translation>es ist nichts geplant, zu dem ein Einzelschritt springen könnte</translation>
    </message>
    <message>
        <source>this lab runs on wall time; it cannot fast-forward</source>
        <translation>dieses Labor läuft in Echtzeit; Vorspulen ist nicht möglich</translation>
    </message>
    <message>
        <source>fast-forward needs a duration above zero</source>
        <translation>Vorspulen braucht eine Dauer größer als null</translation>
    </message>
    <message>
        <source>a step or fast-forward is already running</source>
        <translation>ein Einzelschritt oder Vorspulen läuft bereits</translation>
    </message>
</context>
<context>
    <name>ppl::LabControlApi</name>
    <message>
        <source>no target named "%1"</source>
        <translation>kein Ziel namens „%1“</translation>
    </message>
    <message>
        <source>unknown network operation "%1" (partition, heal)</source>
        <translation>unbekannte Netzwerkoperation „%1“ (partition, heal)</translation>
    </message>
    <message>
        <source>unknown target operation "%1" (start, kill, restart, hang, slow, flap, firewall, error, heal)</source>
        <translation>unbekannte Zieloperation „%1“ (start, kill, restart, hang, slow, flap, firewall, error, heal)</translation>
    </message>
    <message>
        <source>"kind" is "500" or "malformed"</source>
        <translation>"kind" ist "500" oder "malformed"</translation>
    </message>
    <message>
        <source>unknown job operation "%1" (run, stop)</source>
        <translation>unbekannte Job-Operation „%1“ (run, stop)</translation>
    </message>
    <message>
        <source>no job named "%1"</source>
        <translation>kein Job namens „%1“</translation>
    </message>
    <message>
        <source>a pod needs a "name"</source>
        <translation>ein Pod braucht einen "name"</translation>
    </message>
    <message>
        <source>unknown profile "%1"</source>
        <translation>unbekanntes Profil „%1“</translation>
    </message>
    <message>
        <source>no pod %1/%2</source>
        <translation>kein Pod %1/%2</translation>
    </message>
    <message>
        <source>annotate needs a "key" (and a "value"; empty removes it)</source>
        <translation>annotate braucht einen "key" (und einen "value"; leer entfernt ihn)</translation>
    </message>
    <message>
        <source>unknown pod operation "%1" (remove, annotate)</source>
        <translation>unbekannte Pod-Operation „%1“ (remove, annotate)</translation>
    </message>
    <message>
        <source>delete needs {"groupingKey": {"job": …, …}}</source>
        <translation>delete braucht {"groupingKey": {"job": …, …}}</translation>
    </message>
    <message>
        <source>unknown gateway operation "%1" (restart, delete)</source>
        <translation>unbekannte Gateway-Operation „%1“ (restart, delete)</translation>
    </message>
    <message>
        <source>"since" must be a cursor (a non-negative integer)</source>
        <translation>"since" muss ein Cursor sein (eine nicht negative ganze Zahl)</translation>
    </message>
    <message>
        <source>"max" must be a positive integer</source>
        <translation>"max" muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <source>the lab is shutting down</source>
        <translation>das Labor wird heruntergefahren</translation>
    </message>
    <message>
        <source>the body is not valid JSON: %1</source>
        <translation>der Body ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation>der Body muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>"%1" must be milliseconds or a duration like "2s"</source>
        <translation>„%1“ muss in Millisekunden oder als Dauer wie „2s“ angegeben sein</translation>
    </message>
    <message>
        <source>expected one of "paused", "speed", "step", "advance"</source>
        <translation>eines von "paused", "speed", "step", "advance" erwartet</translation>
    </message>
    <message>
        <source>unknown field "%1" (paused, speed, step, advance)</source>
        <translation>unbekanntes Feld "%1" (paused, speed, step, advance)</translation>
    </message>
    <message>
        <source>"paused" must be true or false</source>
        <translation>"paused" muss true oder false sein</translation>
    </message>
    <message>
        <source>"speed" must be a number, like 10 or 0.25</source>
        <translation>"speed" muss eine Zahl sein, wie 10 oder 0.25</translation>
    </message>
    <message>
        <source>"step" must be true or false</source>
        <translation>"step" muss true oder false sein</translation>
    </message>
    <message>
        <source>"advance" needs a duration above zero, like "5m"</source>
        <translation>"advance" braucht eine Dauer größer als null, wie "5m"</translation>
    </message>
    <message>
        <source>this lab runs on wall time</source>
        <translation>dieses Labor läuft in Echtzeit</translation>
    </message>
</context>
<context>
    <name>ppl::LabPalette</name>
    <message>
        <source>up</source>
        <translation>up</translation>
    </message>
    <message>
        <source>down</source>
        <translation>down</translation>
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
    <name>ppl::LabelMatcher</name>
    <message>
        <source>invalid regular expression "%1": %2</source>
        <translation>invalid regular expression "%1": %2</translation>
    </message>
</context>
<context>
    <name>ppl::Lesson</name>
    <message numerus="yes">
        <source>%1: lesson %2 is valid (%n step(s))</source>
        <translation>
            <numerusform>%1: Lektion %2 ist gültig (%n Schritt)</numerusform>
            <numerusform>%1: Lektion %2 ist gültig (%n Schritte)</numerusform>
        </translation>
    </message>
    <message>
        <source>duplicate key "%1" (first at line %2)</source>
        <translation>doppelter Schlüssel "%1" (zuerst in Zeile %2)</translation>
    </message>
    <message>
        <source>expected a mapping</source>
        <translation>Mapping erwartet</translation>
    </message>
    <message>
        <source>unknown key "%1" (expected one of: %2)</source>
        <translation>unbekannter Schlüssel "%1" (erwartet wird einer von: %2)</translation>
    </message>
    <message>
        <source>expected a single value</source>
        <translation>einzelner Wert erwartet</translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation>%1 ist erforderlich</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>expected true or false, got "%1"</source>
        <translation>true oder false erwartet, "%1" erhalten</translation>
    </message>
    <message>
        <source>"%1" is not a duration (like 500ms, 15s, 1m30s)</source>
        <translation>"%1" ist keine Dauer (wie 500ms, 15s, 1m30s)</translation>
    </message>
    <message>
        <source>level is beginner, intermediate or advanced</source>
        <translation>level ist beginner, intermediate oder advanced</translation>
    </message>
    <message>
        <source>minutes is a whole number from 1 to 600</source>
        <translation>minutes ist eine ganze Zahl von 1 bis 600</translation>
    </message>
    <message>
        <source>expected a list</source>
        <translation>Liste erwartet</translation>
    </message>
    <message>
        <source>steps is required</source>
        <translation>steps ist erforderlich</translation>
    </message>
    <message>
        <source>expected a list of steps</source>
        <translation>Liste von Schritten erwartet</translation>
    </message>
    <message>
        <source>the step id "%1" is used twice</source>
        <translation>die Schritt-ID "%1" wird zweimal verwendet</translation>
    </message>
    <message>
        <source>"%1" is not a language code (like en, de)</source>
        <translation>"%1" ist kein Sprachcode (wie en, de)</translation>
    </message>
    <message>
        <source>the English text (en:) is required</source>
        <translation>der englische Text (en:) ist erforderlich</translation>
    </message>
    <message>
        <source>expected a text or a mapping like {en: …, de: …}</source>
        <translation>Text oder Mapping wie {en: …, de: …} erwartet</translation>
    </message>
    <message>
        <source>unknown placeholder %1 (the scenario has no such thing)</source>
        <translation>unbekannter Platzhalter %1 (so etwas gibt es im Szenario nicht)</translation>
    </message>
    <message>
        <source>scenario is required (builtin: NAME, file: PATH or inline:)</source>
        <translation>scenario ist erforderlich (builtin: NAME, file: PATH oder inline:)</translation>
    </message>
    <message>
        <source>give one of builtin:, file: or inline:</source>
        <translation>anzugeben ist genau eines von builtin:, file: oder inline:</translation>
    </message>
    <message>
        <source>no built-in scenario "%1" (one of: %2)</source>
        <translation>kein eingebautes Szenario "%1" (eines von: %2)</translation>
    </message>
    <message>
        <source>check is required: what the lab must show for the step to pass</source>
        <translation>check ist erforderlich: was das Labor zeigen muss, damit der Schritt bestanden ist</translation>
    </message>
    <message>
        <source>expected a condition or a list of conditions</source>
        <translation>Bedingung oder Liste von Bedingungen erwartet</translation>
    </message>
    <message>
        <source>choices is a list of at least two answers</source>
        <translation>choices ist eine Liste von mindestens zwei Antworten</translation>
    </message>
    <message>
        <source>answer is required: the number of the right choice, from 1</source>
        <translation>answer ist erforderlich: die Nummer der richtigen Auswahl, ab 1</translation>
    </message>
    <message>
        <source>answer is the number of the right choice, from 1 to %1</source>
        <translation>answer ist die Nummer der richtigen Auswahl, von 1 bis %1</translation>
    </message>
    <message>
        <source>the scenario has nothing named "%1"</source>
        <translation>im Szenario heißt nichts "%1"</translation>
    </message>
    <message>
        <source>expected a mapping of label names to values</source>
        <translation>Mapping von Label-Namen auf Werte erwartet</translation>
    </message>
    <message>
        <source>expected a mapping like {kill: web-1}</source>
        <translation>Mapping wie {kill: web-1} erwartet</translation>
    </message>
    <message>
        <source>one operation per action</source>
        <translation>eine Operation pro Aktion</translation>
    </message>
    <message>
        <source>the action names no operation</source>
        <translation>die Aktion nennt keine Operation</translation>
    </message>
    <message>
        <source>advance by more than nothing</source>
        <translation>advance braucht eine Dauer größer als null</translation>
    </message>
    <message>
        <source>unknown action "%1" (a lab operation such as kill, run, delete_group, restart_gateway, or advance)</source>
        <translation>unbekannte Aktion "%1" (eine Labor-Operation wie kill, run, delete_group, restart_gateway oder advance)</translation>
    </message>
    <message>
        <source>a grouping key starts with job</source>
        <translation>ein Grouping Key beginnt mit job</translation>
    </message>
    <message>
        <source>pod operations belong in the scenario's actions, not a step's</source>
        <translation>Pod-Operationen gehören in die Aktionen des Szenarios, nicht in die eines Schritts</translation>
    </message>
    <message>
        <source>expected a condition like {query: up == 1}</source>
        <translation>Bedingung wie {query: up == 1} erwartet</translation>
    </message>
    <message>
        <source>within is longer than nothing</source>
        <translation>within muss länger als null sein</translation>
    </message>
    <message>
        <source>not valid PromQL: %1</source>
        <translation>kein gültiges PromQL: %1</translation>
    </message>
    <message>
        <source>outcome is accepted, rejected or any</source>
        <translation>outcome ist accepted, rejected oder any</translation>
    </message>
    <message>
        <source>from is outside, lab or any</source>
        <translation>from ist outside, lab oder any</translation>
    </message>
    <message>
        <source>method is PUT, POST or DELETE</source>
        <translation>method ist PUT, POST oder DELETE</translation>
    </message>
    <message>
        <source>outcome is failed or succeeded</source>
        <translation>outcome ist failed oder succeeded</translation>
    </message>
    <message>
        <source>error is timeout, refused, http, parse or other</source>
        <translation>error ist timeout, refused, http, parse oder other</translation>
    </message>
    <message>
        <source>an error kind needs outcome: failed</source>
        <translation>eine Fehlerart braucht outcome: failed</translation>
    </message>
    <message>
        <source>change is one of: %1</source>
        <translation>change ist eines von: %1</translation>
    </message>
    <message>
        <source>state is firing, pending or inactive</source>
        <translation>state ist firing, pending oder inactive</translation>
    </message>
    <message>
        <source>scrapes is gateway, server, outside or target:NAME</source>
        <translation>scrapes ist gateway, server, outside oder target:NAME</translation>
    </message>
    <message>
        <source>name the job (job:) or what it scrapes (scrapes:)</source>
        <translation>den Job (job:) oder das, was er scrapt (scrapes:), angeben</translation>
    </message>
    <message>
        <source>name the group's job (job:) or its grouping_key:</source>
        <translation>anzugeben ist der Job der Gruppe (job:) oder ihr grouping_key:</translation>
    </message>
    <message>
        <source>the scenario runs no lab gateway</source>
        <translation>das Szenario betreibt kein Labor-Gateway</translation>
    </message>
    <message>
        <source>a lesson is a YAML mapping</source>
        <translation>eine Lektion ist ein YAML-Mapping</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>speed is a number from %1 to %2 (like 10 or 0.25)</source>
        <translation>speed ist eine Zahl von %1 bis %2 (wie 10 oder 0.25)</translation>
    </message>
    <message>
        <source>a condition is one of query:, push:, scrape:, target:, alert:, config:, group:, gateway:</source>
        <translation>eine Bedingung ist eine von query:, push:, scrape:, target:, alert:, config:, group:, gateway:</translation>
    </message>
    <message>
        <source>for: applies to states (query, alert, config, group), not to events (push, scrape, target, gateway)</source>
        <translation>for: gilt für Zustände (query, alert, config, group), nicht für Ereignisse (push, scrape, target, gateway)</translation>
    </message>
    <message>
        <source>persistence: applies to restarted and persistence_changed</source>
        <translation>persistence: gilt für restarted und persistence_changed</translation>
    </message>
</context>
<context>
    <name>ppl::LessonChooser</name>
    <message>
        <source>Choose a lesson</source>
        <translation>Lektion wählen</translation>
    </message>
    <message>
        <source>Each lesson sets up the lab, tells you what to do step by step, and checks what the running lab actually scraped, pushed, stored and alerted.</source>
        <translation>Jede Lektion richtet das Labor ein, sagt dir Schritt für Schritt, was zu tun ist, und prüft, was das laufende Labor tatsächlich gescrapt, gepusht und gespeichert und welche Alerts es ausgelöst hat.</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>This lesson does not load:</source>
        <translation>Diese Lektion lässt sich nicht laden:</translation>
    </message>
    <message>
        <source>You will:</source>
        <translation>Du wirst:</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) · about %1 min · id: %2</source>
        <translation>
            <numerusform>%n Schritt · etwa %1 min · ID: %2</numerusform>
            <numerusform>%n Schritte · etwa %1 min · ID: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Start lesson</source>
        <translation>Lektion &amp;starten</translation>
    </message>
    <message>
        <source>Open lesson &amp;file…</source>
        <translation>Lektions&amp;datei öffnen…</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>Lektion öffnen</translation>
    </message>
    <message>
        <source>Lessons (*.yaml *.yml)</source>
        <translation>Lektionen (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>beginner</source>
        <translation>Einsteiger</translation>
    </message>
    <message>
        <source>intermediate</source>
        <translation>Mittelstufe</translation>
    </message>
    <message>
        <source>advanced</source>
        <translation>Fortgeschritten</translation>
    </message>
</context>
<context>
    <name>ppl::LessonPanel</name>
    <message>
        <source>Close lesson</source>
        <translation>Lektion schließen</translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation>Erst vorhersagen</translation>
    </message>
    <message>
        <source>Lock in my prediction</source>
        <translation>Vorhersage festlegen</translation>
    </message>
    <message>
        <source>Checks (all must hold)</source>
        <translation>Prüfungen (alle müssen erfüllt sein)</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Leave this lesson; the lab stays as it is</source>
        <translation>Diese Lektion verlassen; das Labor bleibt, wie es ist</translation>
    </message>
    <message>
        <source>No lesson is open. A lesson guides you step by step and checks what the running lab actually does.</source>
        <translation>Keine Lektion geöffnet. Eine Lektion führt dich Schritt für Schritt und prüft, was das laufende Labor tatsächlich tut.</translation>
    </message>
    <message>
        <source>Choose a lesson…</source>
        <translation>Lektion wählen…</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Bericht speichern…</translation>
    </message>
    <message>
        <source>Choose another lesson…</source>
        <translation>Andere Lektion wählen…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>There is no lab to run the lesson on.</source>
        <translation>Es gibt kein Labor, in dem die Lektion laufen kann.</translation>
    </message>
    <message>
        <source>You predicted: %1. Now do the step and watch the checks.</source>
        <translation>Deine Vorhersage: %1. Führe jetzt den Schritt aus und beobachte die Prüfungen.</translation>
    </message>
    <message>
        <source>The lesson's action %1 failed: %2</source>
        <translation>Die Aktion %1 der Lektion ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Leave the lesson?</source>
        <translation>Lektion verlassen?</translation>
    </message>
    <message>
        <source>You are on step %1 of %2 of the lesson “%3”. Leaving ends it; your progress is not kept.</source>
        <translation>Du bist bei Schritt %1 von %2 der Lektion „%3“. Wenn du sie verlässt, endet sie; dein Fortschritt wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Leave the lesson</source>
        <translation>Lektion &amp;verlassen</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>&amp;Bleiben</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>%1 %2. %3</source>
        <translation>%1 %2. %3</translation>
    </message>
    <message numerus="yes">
        <source>All %n step(s) done</source>
        <translation>
            <numerusform>%n Schritt erledigt</numerusform>
            <numerusform>Alle %n Schritte erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this command to the clipboard</source>
        <translation>Diesen Befehl in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Answer the prediction above first, then act and watch these.</source>
        <translation>Beantworte zuerst oben die Vorhersage, handle dann und beobachte diese Prüfungen.</translation>
    </message>
    <message>
        <source>✔ met</source>
        <translation>✔ erfüllt</translation>
    </message>
    <message>
        <source>✖ too late</source>
        <translation>✖ zu spät</translation>
    </message>
    <message>
        <source>… not yet</source>
        <translation>… noch nicht</translation>
    </message>
    <message>
        <source>measured: %1</source>
        <translation>gemessen: %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message numerus="yes">
        <source>Show a hint (%n left)</source>
        <translation>
            <numerusform>Hinweis zeigen (%n übrig)</numerusform>
            <numerusform>Hinweis zeigen (%n übrig)</numerusform>
        </translation>
    </message>
    <message>
        <source>No more hints</source>
        <translation>Keine weiteren Hinweise</translation>
    </message>
    <message>
        <source>✔ Step %1 passed: %2 (in %3)</source>
        <translation>✔ Schritt %1 bestanden: %2 (in %3)</translation>
    </message>
    <message>
        <source>The prediction: %1</source>
        <translation>Die Vorhersage: %1</translation>
    </message>
    <message>
        <source>Your prediction was right: %1</source>
        <translation>Deine Vorhersage war richtig: %1</translation>
    </message>
    <message>
        <source>You predicted “%1”; what happened: %2</source>
        <translation>Du hast „%1“ vorhergesagt; was passiert ist: %2</translation>
    </message>
    <message>
        <source>Just passed</source>
        <translation>Gerade bestanden</translation>
    </message>
    <message>
        <source>✔ step %1</source>
        <translation>✔ Schritt %1</translation>
    </message>
    <message>
        <source>Lesson complete</source>
        <translation>Lektion abgeschlossen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>nicht beantwortet</translation>
    </message>
    <message>
        <source>right</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>Total time: %1 · predictions right: %2 of %3</source>
        <translation>Gesamtzeit: %1 · Vorhersagen richtig: %2 von %3</translation>
    </message>
    <message>
        <source>Save lesson report</source>
        <translation>Lektionsbericht speichern</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>query %1 has a result</source>
        <translation>Abfrage %1 hat ein Ergebnis</translation>
    </message>
    <message>
        <source>a delete</source>
        <translation>ein Löschvorgang</translation>
    </message>
    <message>
        <source>a push</source>
        <translation>ein Push</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>beantwortet</translation>
    </message>
    <message>
        <source> from outside the lab</source>
        <translation> von außerhalb des Labors</translation>
    </message>
    <message>
        <source> from a lab job</source>
        <translation> von einem Job des Labors</translation>
    </message>
    <message>
        <source> for the group {%1}</source>
        <translation> für die Gruppe {%1}</translation>
    </message>
    <message>
        <source> for job %1</source>
        <translation> für Job %1</translation>
    </message>
    <message>
        <source>%1 %2%3%4</source>
        <translation>%1%3%4 %2</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>any target</source>
        <translation>einem beliebigen Ziel</translation>
    </message>
    <message>
        <source>a successful scrape of %1</source>
        <translation>ein erfolgreicher Scrape von %1</translation>
    </message>
    <message>
        <source>a scrape of %1 failing (%2)</source>
        <translation>ein fehlschlagender Scrape von %1 (%2)</translation>
    </message>
    <message>
        <source>a scrape of %1 failing</source>
        <translation>ein fehlschlagender Scrape von %1</translation>
    </message>
    <message>
        <source>target %1 %2</source>
        <translation>Ziel %1 %2</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>(beliebig)</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>feuert</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>alert %1 %2</source>
        <translation>Alert %1 %2</translation>
    </message>
    <message>
        <source>alert %1 not %2</source>
        <translation>Alert %1 nicht im Zustand „%2“</translation>
    </message>
    <message>
        <source>named %1</source>
        <translation>namens %1</translation>
    </message>
    <message>
        <source>scraping %1</source>
        <translation>zum Scrapen von %1</translation>
    </message>
    <message>
        <source>the configuration has a scrape job %1</source>
        <translation>die Konfiguration hat einen Scrape-Job %1</translation>
    </message>
    <message>
        <source>the configuration has no scrape job %1</source>
        <translation>die Konfiguration hat keinen Scrape-Job %1</translation>
    </message>
    <message>
        <source>the gateway holds the group {%1}</source>
        <translation>das Gateway hält die Gruppe {%1}</translation>
    </message>
    <message>
        <source>the gateway no longer holds the group {%1}</source>
        <translation>das Gateway hält die Gruppe {%1} nicht mehr</translation>
    </message>
    <message>
        <source>(within %1 s)</source>
        <translation>(innerhalb von %1 s)</translation>
    </message>
    <message>
        <source>(for %1 s)</source>
        <translation>(für %1 s)</translation>
    </message>
    <message>
        <source>the gateway restarted</source>
        <translation>das Gateway wurde neu gestartet</translation>
    </message>
    <message>
        <source>the gateway restarted with persistence</source>
        <translation>das Gateway wurde mit Persistenz neu gestartet</translation>
    </message>
    <message>
        <source>the gateway restarted without persistence</source>
        <translation>das Gateway wurde ohne Persistenz neu gestartet</translation>
    </message>
    <message>
        <source>the lab deleted a group at the gateway</source>
        <translation>das Labor hat eine Gruppe am Gateway gelöscht</translation>
    </message>
    <message>
        <source>the gateway's persistence switched</source>
        <translation>die Persistenz des Gateways wurde umgeschaltet</translation>
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
    <message>
        <source>%1 — error: %2</source>
        <translation>%1 — Fehler: %2</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weitere</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>no reason recorded</source>
        <translation>kein Grund verzeichnet</translation>
    </message>
    <message>
        <source>%1
went stale at %2: %3</source>
        <translation>%1
veraltet (stale) seit %2: %3</translation>
    </message>
</context>
<context>
    <name>ppl::MainWindow</name>
    <message>
        <source>Gateway &amp;persistence</source>
        <translation>Gateway-&amp;Persistenz</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
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
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
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
        <source>&lt;p&gt;&lt;b&gt;Pull/Push Lab&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Learn how Prometheus's pull model differs from its push model, by doing. Every endpoint is real HTTP on 127.0.0.1.&lt;/p&gt;</source>
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
    <message>
        <source>Pods</source>
        <translation>Pods</translation>
    </message>
    <message>
        <source>&amp;Pods</source>
        <translation>&amp;Pods</translation>
    </message>
    <message>
        <source>Export event &amp;log…</source>
        <translation>Ereignis&amp;protokoll exportieren…</translation>
    </message>
    <message>
        <source>Export event log</source>
        <translation>Ereignisprotokoll exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Save scenario as…</source>
        <translation>Szenario &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Save scenario as</source>
        <translation>Szenario speichern unter</translation>
    </message>
    <message>
        <source>Scenarios (*.yaml *.yml)</source>
        <translation>Szenarien (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Ctrl+Alt+S</source>
        <translation>Ctrl+Alt+S</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Chart &amp;time window</source>
        <translation>Zeit&amp;fenster der Diagramme</translation>
    </message>
    <message>
        <source>Alt+%1</source>
        <translation>Alt+%1</translation>
    </message>
    <message>
        <source>Ctrl+Alt+%1</source>
        <translation>Ctrl+Alt+%1</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>No scenario is running.</source>
        <translation>Es läuft kein Szenario.</translation>
    </message>
    <message>
        <source>The lab's server could not start on %1:%2: %3</source>
        <translation>Der Server des Labors konnte nicht auf %1:%2 starten: %3</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message numerus="yes">
        <source>(%n outside the lab)</source>
        <translation>
            <numerusform>(%n außerhalb des Labors)</numerusform>
            <numerusform>(%n außerhalb des Labors)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pusher(s) outside the lab</source>
        <translation>
            <numerusform>%n Pusher außerhalb des Labors</numerusform>
            <numerusform>%n Pusher außerhalb des Labors</numerusform>
        </translation>
    </message>
    <message>
        <source>About this &amp;scenario</source>
        <translation>Über dieses &amp;Szenario</translation>
    </message>
    <message>
        <source>About this scenario</source>
        <translation>Über dieses Szenario</translation>
    </message>
    <message>
        <source>Shift+F1</source>
        <translation>Shift+F1</translation>
    </message>
    <message>
        <source>No scenario is open.</source>
        <translation>Kein Szenario ist geöffnet.</translation>
    </message>
    <message>
        <source>This scenario file has no description.</source>
        <translation>Diese Szenariodatei hat keine Beschreibung.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;%3&lt;/p&gt;&lt;p&gt;Targets: %4 · jobs: %5 · pods: %6 · timed actions: %7 · rule sources: %8&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;%3&lt;/p&gt;&lt;p&gt;Targets: %4 · Jobs: %5 · Pods: %6 · zeitgesteuerte Aktionen: %7 · Regelquellen: %8&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A built-in scenario.</source>
        <translation>Ein eingebautes Szenario.</translation>
    </message>
    <message>
        <source>From %1.</source>
        <translation>Aus %1.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The scenario %1 has changed since it was opened or saved (targets, jobs, pods, configuration or rules).</source>
        <translation>Das Szenario %1 hat sich geändert, seit es geöffnet oder gespeichert wurde (Targets, Jobs, Pods, Konfiguration oder Regeln).</translation>
    </message>
    <message>
        <source>Save the scenario as it is now?</source>
        <translation>Das Szenario so speichern, wie es jetzt ist?</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Record session…</source>
        <translation>Sitzung &amp;aufzeichnen…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+R</source>
        <translation>Ctrl+Alt+R</translation>
    </message>
    <message>
        <source>Record the lab's session (scenario, events, samples, alerts) to a file to replay later</source>
        <translation>Die Sitzung des Labors (Szenario, Ereignisse, Samples, Alerts) in eine Datei aufzeichnen, um sie später wiederzugeben</translation>
    </message>
    <message>
        <source>Record session</source>
        <translation>Sitzung aufzeichnen</translation>
    </message>
    <message>
        <source>Pull/Push Lab recordings (*.pplrec)</source>
        <translation>Pull/Push-Labor-Aufzeichnungen (*.pplrec)</translation>
    </message>
    <message>
        <source>Open re&amp;cording…</source>
        <translation>Aufzei&amp;chnung öffnen…</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>Aufzeichnung öffnen</translation>
    </message>
    <message>
        <source>Pull/Push Lab recordings (*.pplrec);;All files (*)</source>
        <translation>Pull/Push-Labor-Aufzeichnungen (*.pplrec);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>There is no lab to record.</source>
        <translation>Es gibt kein Labor zum Aufzeichnen.</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Pull/Push Lab — replay of %1 (%2)</source>
        <translation>Pull/Push-Labor — Wiedergabe von %1 (%2)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>&amp;Lektion öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+P</source>
        <translation>Ctrl+Alt+P</translation>
    </message>
    <message>
        <source>Ctrl+Alt+L</source>
        <translation>Ctrl+Alt+L</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Lesson not loaded: %1</source>
        <translation>Lektion nicht geladen: %1</translation>
    </message>
    <message>
        <source>Lesson %1 could not start: %2</source>
        <translation>Lektion %1 konnte nicht starten: %2</translation>
    </message>
    <message>
        <source>⏵ replaying at %1</source>
        <translation>⏵ Wiedergabe bei %1</translation>
    </message>
    <message>
        <source>‖ replay paused at %1</source>
        <translation>‖ Wiedergabe angehalten bei %1</translation>
    </message>
</context>
<context>
    <name>ppl::MetricGroups</name>
    <message>
        <source>collected metric %1 is not a %2: another group has it as %3</source>
        <translation>collected metric %1 is not a %2: another group has it as %3</translation>
    </message>
    <message>
        <source>collected metric family %1 collides with a histogram or summary of a similar name</source>
        <translation>collected metric family %1 collides with a histogram or summary of a similar name</translation>
    </message>
    <message>
        <source>collected metric %1 has two or more labels with the same name: %2</source>
        <translation>collected metric %1 has two or more labels with the same name: %2</translation>
    </message>
    <message>
        <source>collected metric %1 has a label with an invalid name: %2</source>
        <translation>collected metric %1 has a label with an invalid name: %2</translation>
    </message>
    <message>
        <source>collected metric %1 has a label named %2 whose value is not utf8</source>
        <translation>collected metric %1 has a label named %2 whose value is not utf8</translation>
    </message>
    <message>
        <source>collected metric %1 was collected before with the same name and label values</source>
        <translation>collected metric %1 was collected before with the same name and label values</translation>
    </message>
    <message>
        <source>pushed metrics are invalid or inconsistent with existing metrics: </source>
        <translation>pushed metrics are invalid or inconsistent with existing metrics: </translation>
    </message>
    <message>
        <source>pushed metrics must not have timestamps</source>
        <translation>pushed metrics must not have timestamps</translation>
    </message>
    <message>
        <source>collected metric %1 must not have an explicit "quantile" label</source>
        <translation>collected metric %1 must not have an explicit "quantile" label</translation>
    </message>
</context>
<context>
    <name>ppl::OpenMetricsParser</name>
    <message>
        <source>%1, got "%2"</source>
        <translation>%1, got "%2"</translation>
    </message>
    <message>
        <source>unexpected data after # EOF</source>
        <translation>unexpected data after # EOF</translation>
    </message>
    <message>
        <source>data does not end with # EOF</source>
        <translation>data does not end with # EOF</translation>
    </message>
    <message>
        <source>"%1" %2 is not a valid start token</source>
        <translation>"%1" %2 is not a valid start token</translation>
    </message>
    <message>
        <source>expected metric name after %1</source>
        <translation>expected metric name after %1</translation>
    </message>
    <message>
        <source>expected text in %1</source>
        <translation>expected text in %1</translation>
    </message>
    <message>
        <source>invalid metric type %1</source>
        <translation>invalid metric type %1</translation>
    </message>
    <message>
        <source>help text is not a valid utf8 string</source>
        <translation>help text is not a valid utf8 string</translation>
    </message>
    <message>
        <source>unit not a suffix of metric %1</source>
        <translation>unit not a suffix of metric %1</translation>
    </message>
    <message>
        <source>expected label name or left brace</source>
        <translation>expected label name or left brace</translation>
    </message>
    <message>
        <source>expected label name</source>
        <translation>expected label name</translation>
    </message>
    <message>
        <source>expected comma</source>
        <translation>expected comma</translation>
    </message>
    <message>
        <source>expected comma or left brace</source>
        <translation>expected comma or left brace</translation>
    </message>
    <message>
        <source>expected equal</source>
        <translation>expected equal</translation>
    </message>
    <message>
        <source>expected label value</source>
        <translation>expected label value</translation>
    </message>
    <message>
        <source>invalid UTF-8 label value</source>
        <translation>invalid UTF-8 label value</translation>
    </message>
    <message>
        <source>expected value after exemplar labels</source>
        <translation>expected value after exemplar labels</translation>
    </message>
    <message>
        <source>expected value after metric</source>
        <translation>expected value after metric</translation>
    </message>
    <message>
        <source>invalid exemplar timestamp</source>
        <translation>invalid exemplar timestamp</translation>
    </message>
    <message>
        <source>invalid timestamp</source>
        <translation>invalid timestamp</translation>
    </message>
    <message>
        <source>metric name %1 does not support exemplars</source>
        <translation>metric name %1 does not support exemplars</translation>
    </message>
    <message>
        <source>expected next entry after exemplar timestamp</source>
        <translation>expected next entry after exemplar timestamp</translation>
    </message>
    <message>
        <source>expected timestamp or comment</source>
        <translation>expected timestamp or comment</translation>
    </message>
    <message>
        <source>expected next entry after timestamp</source>
        <translation>expected next entry after timestamp</translation>
    </message>
    <message>
        <source>expected timestamp or # symbol</source>
        <translation>expected timestamp or # symbol</translation>
    </message>
    <message>
        <source>invalid metric name or label names</source>
        <translation>ungültiger Metrikname oder ungültige Labelnamen</translation>
    </message>
</context>
<context>
    <name>ppl::ParseError</name>
    <message>
        <source>text format parsing error in line %1: %2</source>
        <translation>text format parsing error in line %1: %2</translation>
    </message>
</context>
<context>
    <name>ppl::PodsModel</name>
    <message>
        <source>Scraped by job %1.</source>
        <translation>Gescrapt vom Job %1.</translation>
    </message>
    <message>
        <source>Discovered by job %1, then dropped by its relabel_configs (for example a keep rule on the prometheus.io/scrape annotation).</source>
        <translation>Vom Job %1 gefunden, dann von seinen relabel_configs verworfen (zum Beispiel von einer keep-Regel auf der Annotation prometheus.io/scrape).</translation>
    </message>
    <message>
        <source>scraped</source>
        <translation>gescrapt</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>not discovered</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>Scraping</source>
        <translation>Scraping</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Gesundheit</translation>
    </message>
</context>
<context>
    <name>ppl::PodsPanel</name>
    <message>
        <source>&amp;Add pod…</source>
        <translation>Pod &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Remove pod</source>
        <translation>Pod &amp;entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>&amp;Toggle scrape annotation</source>
        <translation>Scrape-Annotation &amp;umschalten</translation>
    </message>
    <message>
        <source>Scrape on/off</source>
        <translation>Scrape an/aus</translation>
    </message>
    <message>
        <source>Set the selected pod's prometheus.io/scrape annotation to "true" or "false": a keep rule on it keeps or drops the pod's target at once</source>
        <translation>Die Annotation prometheus.io/scrape des ausgewählten Pods auf „true“ oder „false“ setzen: eine keep-Regel darauf behält oder verwirft das Ziel des Pods sofort</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>a pod's name is letters, digits, "-", "_" and "."</source>
        <translation>der Name eines Pods besteht aus Buchstaben, Ziffern, „-“, „_“ und „.“</translation>
    </message>
    <message>
        <source>a namespace is letters, digits, "-", "_" and "."</source>
        <translation>ein Namespace besteht aus Buchstaben, Ziffern, „-“, „_“ und „.“</translation>
    </message>
    <message>
        <source>labels are written key=value, separated by commas: "%1"</source>
        <translation>Labels werden als key=value geschrieben, durch Kommas getrennt: „%1“</translation>
    </message>
    <message>
        <source>Add pod</source>
        <translation>Pod hinzufügen</translation>
    </message>
    <message>
        <source>A simulated Kubernetes pod serving /metrics on its own port. A job with kubernetes_sd_configs (role: pod) discovers it; its relabel_configs decide whether it is scraped.</source>
        <translation>Ein simulierter Kubernetes-Pod, der /metrics auf seinem eigenen Port anbietet. Ein Job mit kubernetes_sd_configs (role: pod) findet ihn; dessen relabel_configs entscheiden, ob er gescrapt wird.</translation>
    </message>
    <message>
        <source>app=web, tier=frontend</source>
        <translation>app=web, tier=frontend</translation>
    </message>
    <message>
        <source>{{port}} becomes the pod's own port</source>
        <translation>{{port}} wird zum eigenen Port des Pods</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>&amp;Namespace:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;ame:</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>Annotations:</source>
        <translation>Annotationen:</translation>
    </message>
    <message>
        <source>Add pod %1/%2: %3</source>
        <translation>Pod %1/%2 hinzufügen: %3</translation>
    </message>
    <message>
        <source>Select a pod first.</source>
        <translation>Bitte zuerst einen Pod auswählen.</translation>
    </message>
    <message>
        <source>Remove pod %1/%2: %3</source>
        <translation>Pod %1/%2 entfernen: %3</translation>
    </message>
    <message>
        <source>Annotate pod %1/%2: %3</source>
        <translation>Pod %1/%2 annotieren: %3</translation>
    </message>
</context>
<context>
    <name>ppl::PromDuration</name>
    <message>
        <source>empty duration string</source>
        <translation>empty duration string</translation>
    </message>
    <message>
        <source>not a valid duration string: %1</source>
        <translation>not a valid duration string: %1</translation>
    </message>
    <message>
        <source>duration out of range</source>
        <translation>duration out of range</translation>
    </message>
</context>
<context>
    <name>ppl::ProtobufPush</name>
    <message>
        <source>unexpected EOF</source>
        <translation>unexpected EOF</translation>
    </message>
    <message>
        <source>proto: cannot parse invalid wire-format data</source>
        <translation>proto: cannot parse invalid wire-format data</translation>
    </message>
    <message>
        <source>metric family %1 has an unsupported type</source>
        <translation>metric family %1 has an unsupported type</translation>
    </message>
    <message>
        <source>invalid metric name %1</source>
        <translation>invalid metric name %1</translation>
    </message>
    <message>
        <source>collected metric %1 is not a %2</source>
        <translation>collected metric %1 is not a %2</translation>
    </message>
</context>
<context>
    <name>ppl::PushgatewayServer</name>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>kann nicht auf %1:%2 lauschen: %3</translation>
    </message>
    <message>
        <source>persistence is disabled</source>
        <translation>Persistenz ist deaktiviert</translation>
    </message>
    <message>
        <source>missing or wrong basic auth credentials</source>
        <translation>fehlende oder falsche Basic-Auth-Zugangsdaten</translation>
    </message>
    <message>
        <source>request body larger than %1 bytes</source>
        <translation>request body larger than %1 bytes</translation>
    </message>
    <message>
        <source>gzip: invalid header</source>
        <translation>gzip: invalid header</translation>
    </message>
    <message>
        <source>unexpected end of input stream</source>
        <translation>unexpected end of input stream</translation>
    </message>
    <message>
        <source>pushed metrics are invalid or inconsistent with existing metrics: %1</source>
        <translation>pushed metrics are invalid or inconsistent with existing metrics: %1</translation>
    </message>
    <message>
        <source>refusing to serve the admin API on %1, which other machines can reach, without a token: add --lab-token, or listen on 127.0.0.1</source>
        <translation>die Admin-API wird auf %1, das andere Rechner erreichen können, nicht ohne Token angeboten: Fügen Sie --lab-token hinzu oder lauschen Sie auf 127.0.0.1</translation>
    </message>
</context>
<context>
    <name>ppl::QueryEditor</name>
    <message>
        <source>Expression (press Ctrl+Return to execute, Ctrl+Space to complete)</source>
        <translation>Ausdruck (Strg+Eingabe führt aus, Strg+Leertaste vervollständigt)</translation>
    </message>
    <message>
        <source>PromQL expression</source>
        <translation>PromQL-Ausdruck</translation>
    </message>
</context>
<context>
    <name>ppl::QueryGraphView</name>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more series</source>
        <translation>
            <numerusform>… und %n weitere Serie</numerusform>
            <numerusform>… und %n weitere Serien</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ppl::QueryPanel</name>
    <message>
        <source>Execute</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stacked</source>
        <translation>Gestapelt</translation>
    </message>
    <message>
        <source>Evaluate the expression (Ctrl+Return)</source>
        <translation>Den Ausdruck auswerten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Stop the running evaluation</source>
        <translation>Die laufende Auswertung anhalten</translation>
    </message>
    <message>
        <source>Expressions executed before (kept across runs)</source>
        <translation>Früher ausgeführte Ausdrücke (bleiben über Neustarts erhalten)</translation>
    </message>
    <message>
        <source>Query history</source>
        <translation>Abfrageverlauf</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Wird ausgewertet…</translation>
    </message>
    <message numerus="yes">
        <source>Evaluated at %1 in %2 ms; %n result(s)</source>
        <translation>
            <numerusform>Ausgewertet um %1 in %2 ms; %n Ergebnis</numerusform>
            <numerusform>Ausgewertet um %1 in %2 ms; %n Ergebnisse</numerusform>
        </translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>Why is this empty?</source>
        <translation>Warum ist das leer?</translation>
    </message>
</context>
<context>
    <name>ppl::RealExporter</name>
    <message>
        <source>exporter %1: %2 is not installed (install the Debian package %3)</source>
        <translation>Exporter %1: %2 ist nicht installiert (installieren Sie das Debian-Paket %3)</translation>
    </message>
    <message>
        <source>exporter %1: no temporary directory</source>
        <translation>Exporter %1: kein temporäres Verzeichnis</translation>
    </message>
    <message>
        <source>exporter %1: cannot write %2</source>
        <translation>Exporter %1: %2 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>exporter %1: %2 did not start: %3</source>
        <translation>Exporter %1: %2 ist nicht gestartet: %3</translation>
    </message>
    <message>
        <source>exporter %1: %2 did not answer on its port: %3</source>
        <translation>Exporter %1: %2 hat auf seinem Port nicht geantwortet: %3</translation>
    </message>
</context>
<context>
    <name>ppl::Recording</name>
    <message>
        <source>an event of kind %1 is damaged</source>
        <translation>ein Ereignis der Art %1 ist beschädigt</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is not a usable recording: %2</source>
        <translation>%1 ist keine brauchbare Aufzeichnung: %2</translation>
    </message>
    <message>
        <source>it was written by a newer version of the lab</source>
        <translation>sie wurde von einer neueren Version des Labors geschrieben</translation>
    </message>
    <message>
        <source>it is not a Pull/Push Lab recording</source>
        <translation>sie ist keine Aufzeichnung des Pull/Push-Labors</translation>
    </message>
    <message>
        <source>the file is cut short: the chunk at byte %1 has %2 of its %3 bytes</source>
        <translation>die Datei ist abgeschnitten: der Chunk bei Byte %1 hat %2 seiner %3 Bytes</translation>
    </message>
    <message>
        <source>chunk %1 (byte %2): %3</source>
        <translation>Chunk %1 (Byte %2): %3</translation>
    </message>
    <message>
        <source>it does not begin with the recorded scenario</source>
        <translation>sie beginnt nicht mit dem aufgezeichneten Szenario</translation>
    </message>
    <message>
        <source>chunk %1 has samples of an undefined series</source>
        <translation>Chunk %1 enthält Samples einer undefinierten Serie</translation>
    </message>
    <message>
        <source>it holds no recorded time</source>
        <translation>sie enthält keine aufgezeichnete Zeit</translation>
    </message>
    <message>
        <source>no chunk %1</source>
        <translation>kein Chunk %1</translation>
    </message>
    <message>
        <source>cannot read %1 again: %2</source>
        <translation>kann %1 nicht erneut lesen: %2</translation>
    </message>
    <message>
        <source>%1 changed since it was opened</source>
        <translation>%1 hat sich seit dem Öffnen geändert</translation>
    </message>
    <message>
        <source>%1 changed since it was opened: %2</source>
        <translation>%1 hat sich seit dem Öffnen geändert: %2</translation>
    </message>
    <message>
        <source>the file is cut short: a chunk header at byte %1 has %2 of its %3 bytes</source>
        <translation>die Datei ist abgeschnitten: ein Chunk-Header bei Byte %1 hat %2 seiner %3 Bytes</translation>
    </message>
    <message>
        <source>the file is damaged: no chunk starts at byte %1</source>
        <translation>die Datei ist beschädigt: bei Byte %1 beginnt kein Chunk</translation>
    </message>
    <message>
        <source>the file is damaged: the chunk at byte %1 has an impossible header</source>
        <translation>die Datei ist beschädigt: der Chunk bei Byte %1 hat einen unmöglichen Header</translation>
    </message>
    <message>
        <source>the file is damaged: a chunk's checksum does not match its contents</source>
        <translation>die Datei ist beschädigt: die Prüfsumme eines Chunks passt nicht zu seinem Inhalt</translation>
    </message>
    <message>
        <source>the file is damaged: a chunk does not decompress (%1)</source>
        <translation>die Datei ist beschädigt: ein Chunk lässt sich nicht dekomprimieren (%1)</translation>
    </message>
    <message>
        <source>wrong size</source>
        <translation>falsche Größe</translation>
    </message>
    <message>
        <source>the file is damaged: %1</source>
        <translation>die Datei ist beschädigt: %1</translation>
    </message>
    <message>
        <source>a series has %1 labels</source>
        <translation>eine Serie hat %1 Labels</translation>
    </message>
    <message>
        <source>a run claims %1 samples</source>
        <translation>ein Lauf gibt %1 Samples an</translation>
    </message>
    <message>
        <source>unknown record %1</source>
        <translation>unbekannter Datensatz %1</translation>
    </message>
    <message>
        <source>a record is cut short</source>
        <translation>ein Datensatz ist abgeschnitten</translation>
    </message>
    <message>
        <source>there is no lab to record</source>
        <translation>es gibt kein Labor zum Aufzeichnen</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>recording to %1 stopped: %2</source>
        <translation>Aufzeichnung nach %1 gestoppt: %2</translation>
    </message>
</context>
<context>
    <name>ppl::Relabeler</name>
    <message>
        <source>error parsing regexp: %1: `^(?:%2)$`</source>
        <translation>error parsing regexp: %1: `^(?:%2)$`</translation>
    </message>
    <message>
        <source>relabel configuration for hashmod requires non-zero modulus</source>
        <translation>relabel configuration for hashmod requires non-zero modulus</translation>
    </message>
    <message>
        <source>relabel configuration for %1 action requires 'target_label' value</source>
        <translation>relabel configuration for %1 action requires 'target_label' value</translation>
    </message>
    <message>
        <source>"%1" is invalid 'target_label' for %2 action</source>
        <translation>"%1" is invalid 'target_label' for %2 action</translation>
    </message>
    <message>
        <source>"%1" is invalid 'replacement' for %2 action</source>
        <translation>"%1" is invalid 'replacement' for %2 action</translation>
    </message>
    <message>
        <source>%1 action requires only 'regex', and no other fields</source>
        <translation>%1 action requires only 'regex', and no other fields</translation>
    </message>
    <message>
        <source>"%1" is not a valid label name</source>
        <translation>"%1" is not a valid label name</translation>
    </message>
    <message>
        <source>'replacement' can not be set for %1 action</source>
        <translation>'replacement' can not be set for %1 action</translation>
    </message>
    <message>
        <source>%1 action requires only 'source_labels' and `target_label`, and no other fields</source>
        <translation>%1 action requires only 'source_labels' and `target_label`, and no other fields</translation>
    </message>
</context>
<context>
    <name>ppl::ReplayBar</name>
    <message>
        <source>Play the recording (Space)</source>
        <translation>Aufzeichnung abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>The replay position: drag anywhere, backwards too</source>
        <translation>Die Wiedergabeposition: an jede Stelle ziehen, auch rückwärts</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>Wiedergabe:</translation>
    </message>
    <message>
        <source>Pause the replay (Space)</source>
        <translation>Wiedergabe pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>%1 (%2 / %3)</source>
        <translation>%1 (%2 / %3)</translation>
    </message>
</context>
<context>
    <name>ppl::ReplayPanel</name>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>feuert</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>Letzter Scrape</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Last push</source>
        <translation>Letzter Push</translation>
    </message>
    <message>
        <source>Targets at the replay position</source>
        <translation>Ziele an der Wiedergabeposition</translation>
    </message>
    <message>
        <source>Alerts at the replay position</source>
        <translation>Alerts an der Wiedergabeposition</translation>
    </message>
    <message>
        <source>Gateway groups, as the server last scraped them</source>
        <translation>Gateway-Gruppen, wie der Server sie zuletzt gescrapt hat</translation>
    </message>
    <message>
        <source>not a lab target</source>
        <translation>kein Ziel des Labors</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keiner</translation>
    </message>
    <message>
        <source>up, %1</source>
        <translation>up, %1</translation>
    </message>
    <message>
        <source>down, %1</source>
        <translation>down, %1</translation>
    </message>
</context>
<context>
    <name>ppl::RequestGuard</name>
    <message>
        <source>cross-site request refused (Sec-Fetch-Site: %1)</source>
        <translation>Cross-Site-Anfrage abgelehnt (Sec-Fetch-Site: %1)</translation>
    </message>
    <message>
        <source>cross-site request refused: Origin %1 is not this server</source>
        <translation>Cross-Site-Anfrage abgelehnt: Origin %1 ist nicht dieser Server</translation>
    </message>
    <message>
        <source>request refused: Host %1 is neither an IP address nor localhost (start the lab with --lab-token to use host names)</source>
        <translation>Anfrage abgelehnt: Host %1 ist weder eine IP-Adresse noch localhost (starten Sie das Labor mit --lab-token, um Hostnamen zu verwenden)</translation>
    </message>
    <message>
        <source>missing or wrong token: send "Authorization: Bearer TOKEN" with the --lab-token the lab was started with</source>
        <translation>Token fehlt oder ist falsch: Senden Sie „Authorization: Bearer TOKEN“ mit dem --lab-token, mit dem das Labor gestartet wurde</translation>
    </message>
    <message>
        <source>no body</source>
        <translation>keinen Body</translation>
    </message>
    <message>
        <source>unsupported Content-Type "%1": this request takes %2</source>
        <translation>nicht unterstützter Content-Type „%1“: diese Anfrage erwartet %2</translation>
    </message>
</context>
<context>
    <name>ppl::RunReport</name>
    <message>
        <source>summary of %1 (%2 s)</source>
        <translation>Zusammenfassung von %1 (%2 s)</translation>
    </message>
    <message>
        <source>  target %1 %2: up %3 % of %4 scrapes</source>
        <translation>  Target %1 %2: up bei %3 % von %4 Scrapes</translation>
    </message>
    <message>
        <source> (last error: %1)</source>
        <translation> (letzter Fehler: %1)</translation>
    </message>
    <message>
        <source>  gateway: %1 pushes accepted, %2 rejected, %3 groups held</source>
        <translation>  Gateway: %1 Pushes angenommen, %2 abgelehnt, %3 Gruppen gehalten</translation>
    </message>
    <message>
        <source>  the lab's jobs and targets: %1 pushes succeeded, %2 failed</source>
        <translation>  Jobs und Targets des Labors: %1 Pushes erfolgreich, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>  alert %1: pending %2×, firing %3×, resolved %4×, firing at the end: %5</source>
        <translation>  Alert %1: pending %2×, firing %3×, aufgelöst %4×, am Ende firing: %5</translation>
    </message>
    <message>
        <source>  no alert changed state</source>
        <translation>  kein Alert hat seinen Zustand geändert</translation>
    </message>
</context>
<context>
    <name>ppl::RunnableSet</name>
    <message>
        <source># %1 for the real Prometheus

</source>
        <translation># %1 für das echte Prometheus

</translation>
    </message>
    <message>
        <source>Exported by Pull/Push Lab from its running world: `prometheus.yml` is the lab's applied scrape configuration, `rules/` its rule files, `docker-compose.yml` runs the real programs with them.

</source>
        <translation>Exportiert vom Pull/Push-Labor aus seiner laufenden Welt: `prometheus.yml` ist die angewandte Scrape-Konfiguration des Labors, `rules/` enthält seine Regeldateien, `docker-compose.yml` startet damit die echten Programme.

</translation>
    </message>
    <message>
        <source>## Run it

Keep the lab running with this scenario: its simulated targets are what the real Prometheus scrapes, at the ports they have now (loading the scenario again chooses new ones: export again then). Then, in this directory:

    docker compose up

</source>
        <translation>## Starten

Lass das Labor mit diesem Szenario weiterlaufen: Seine simulierten Ziele sind das, was das echte Prometheus scrapt, und zwar unter den Ports, die sie jetzt haben (lädst du das Szenario neu, werden neue gewählt: exportiere dann erneut). Dann in diesem Verzeichnis:

    docker compose up

</translation>
    </message>
    <message>
        <source>- Prometheus: http://127.0.0.1:%1
- Pushgateway: http://127.0.0.1:%2
</source>
        <translation>- Prometheus: http://127.0.0.1:%1
- Pushgateway: http://127.0.0.1:%2
</translation>
    </message>
    <message>
        <source>- Alertmanager: http://127.0.0.1:%1
</source>
        <translation>- Alertmanager: http://127.0.0.1:%1
</translation>
    </message>
    <message>
        <source>Every service uses `network_mode: host`: the lab's targets listen on the host's 127.0.0.1, which a container on Docker's default bridge network cannot reach. Host networking needs Docker Engine on Linux. With Docker Desktop (macOS, Windows), replace `127.0.0.1` in `prometheus.yml` by `host.docker.internal`, drop `network_mode: host` and publish the ports instead.

</source>
        <translation>Jeder Dienst verwendet `network_mode: host`: Die Ziele des Labors lauschen auf 127.0.0.1 des Hosts, das ein Container im Standard-Bridge-Netzwerk von Docker nicht erreichen kann. Host-Networking braucht Docker Engine unter Linux. Mit Docker Desktop (macOS, Windows) ersetze `127.0.0.1` in `prometheus.yml` durch `host.docker.internal`, entferne `network_mode: host` und veröffentliche stattdessen die Ports.

</translation>
    </message>
    <message>
        <source>Without Docker, with Debian's packages (prometheus, prometheus-pushgateway, prometheus-alertmanager):

</source>
        <translation>Ohne Docker, mit den Debian-Paketen (prometheus, prometheus-pushgateway, prometheus-alertmanager):

</translation>
    </message>
    <message>
        <source>## What differs from the lab

</source>
        <translation>## Was sich vom Labor unterscheidet

</translation>
    </message>
    <message>
        <source>- The lab's batch jobs and self-pushing targets still push to the lab's own Pushgateway. To see their groups in the real one, push to http://127.0.0.1:%1 yourself (curl, a client library), or give the jobs that gateway in the lab.
</source>
        <translation>- Die Batch-Jobs und selbst pushenden Ziele des Labors pushen weiterhin zum eigenen Pushgateway des Labors. Um ihre Gruppen im echten zu sehen, pushe selbst nach http://127.0.0.1:%1 (curl, eine Client-Bibliothek) oder gib den Jobs im Labor dieses Gateway.
</translation>
    </message>
    <message>
        <source>- The gateway's scrape job has honor_labels: true, so pushed job and instance labels are kept, as in the lab.
</source>
        <translation>- Der Scrape-Job des Gateways hat honor_labels: true, daher bleiben gepushte job- und instance-Labels erhalten, wie im Labor.
</translation>
    </message>
    <message>
        <source>The configuration names %1, which the lab does not run.</source>
        <translation>Die Konfiguration nennt %1, was im Labor nicht läuft.</translation>
    </message>
    <message>
        <source>The configuration is not valid YAML: %1</source>
        <translation>Die Konfiguration ist kein gültiges YAML: %1</translation>
    </message>
    <message>
        <source>The configuration is not a YAML map.</source>
        <translation>Die Konfiguration ist keine YAML-Map.</translation>
    </message>
    <message>
        <source>The job %1 discovers the lab's simulated pods with kubernetes_sd_configs. They exist in no Kubernetes cluster, so the export lists the pods discovered at the moment of the export as static_configs, each with its __meta_kubernetes_* labels: the job's relabel_configs keep or drop them as in the lab. Pods added, removed or annotated later are not followed.</source>
        <translation>Der Job %1 findet die simulierten Pods des Labors mit kubernetes_sd_configs. Sie existieren in keinem Kubernetes-Cluster, daher listet der Export die zum Zeitpunkt des Exports gefundenen Pods als static_configs auf, jeden mit seinen __meta_kubernetes_*-Labels: Die relabel_configs des Jobs behalten oder verwerfen sie wie im Labor. Später hinzugefügte, entfernte oder annotierte Pods werden nicht nachverfolgt.</translation>
    </message>
    <message>
        <source>The job %1 reads targets from files (file_sd_configs): copy those files next to prometheus.yml.</source>
        <translation>Der Job %1 liest Ziele aus Dateien (file_sd_configs): Kopiere diese Dateien neben prometheus.yml.</translation>
    </message>
    <message>
        <source>The configuration could not be written: %1</source>
        <translation>Die Konfiguration konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Could not create the directory %1</source>
        <translation>Das Verzeichnis %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ppl::Scenario</name>
    <message>
        <source>expected a mapping</source>
        <translation>Mapping erwartet</translation>
    </message>
    <message>
        <source>unknown key "%1"</source>
        <translation>unbekannter Schlüssel „%1“</translation>
    </message>
    <message>
        <source>expected a single value</source>
        <translation>einzelner Wert erwartet</translation>
    </message>
    <message>
        <source>"%1" is not a valid name (letters, digits, '-', '_', '.')</source>
        <translation>„%1“ ist kein gültiger Name (Buchstaben, Ziffern, '-', '_', '.')</translation>
    </message>
    <message>
        <source>expected true or false, got "%1"</source>
        <translation>true oder false erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>expected a number, got "%1"</source>
        <translation>Zahl erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <source>%1 is out of range [%2, %3]</source>
        <translation>%1 liegt außerhalb des Bereichs [%2, %3]</translation>
    </message>
    <message>
        <source>"%1" is not a duration (like 500ms, 15s, 1m30s)</source>
        <translation>„%1“ ist keine Dauer (wie 500ms, 15s, 1m30s)</translation>
    </message>
    <message>
        <source>expected a mapping of label names to values</source>
        <translation>Mapping von Label-Namen auf Werte erwartet</translation>
    </message>
    <message>
        <source>"%1" is not a valid label name</source>
        <translation>"%1" is not a valid label name</translation>
    </message>
    <message>
        <source>a grouping key starts with job</source>
        <translation>ein Grouping Key beginnt mit job</translation>
    </message>
    <message>
        <source>expected a list of metrics</source>
        <translation>Liste von Metriken erwartet</translation>
    </message>
    <message>
        <source>a metric needs a name</source>
        <translation>eine Metrik braucht einen Namen</translation>
    </message>
    <message>
        <source>not a valid metric name</source>
        <translation>kein gültiger Metrikname</translation>
    </message>
    <message>
        <source>type is counter or gauge</source>
        <translation>type ist counter oder gauge</translation>
    </message>
    <message>
        <source>unknown profile "%1" (one of: %2)</source>
        <translation>unbekanntes Profil „%1“ (eines von: %2)</translation>
    </message>
    <message>
        <source>request_rate needs the service profile</source>
        <translation>request_rate braucht das Profil service</translation>
    </message>
    <message>
        <source>a target needs a name</source>
        <translation>ein Ziel braucht einen Namen</translation>
    </message>
    <message>
        <source>metrics_path starts with /</source>
        <translation>metrics_path beginnt mit /</translation>
    </message>
    <message>
        <source>unknown fault "%1"</source>
        <translation>unbekannte Störung „%1“</translation>
    </message>
    <message>
        <source>kind is 500 or malformed</source>
        <translation>kind ist 500 oder malformed</translation>
    </message>
    <message>
        <source>method is put or post</source>
        <translation>method ist put oder post</translation>
    </message>
    <message>
        <source>a job needs a name</source>
        <translation>ein Job braucht einen Namen</translation>
    </message>
    <message>
        <source>push is push, pushadd or none</source>
        <translation>push ist push, pushadd oder none</translation>
    </message>
    <message>
        <source>expected an http:// URL</source>
        <translation>http://-URL erwartet</translation>
    </message>
    <message>
        <source>every is at least 100ms</source>
        <translation>every ist mindestens 100ms</translation>
    </message>
    <message>
        <source>a pod needs a name</source>
        <translation>ein Pod braucht einen Namen</translation>
    </message>
    <message>
        <source>phase is Pending, Running, Succeeded, Failed or Unknown</source>
        <translation>phase ist Pending, Running, Succeeded, Failed oder Unknown</translation>
    </message>
    <message>
        <source>expected a mapping like {at: 10s, kill: web-2}</source>
        <translation>Mapping wie {at: 10s, kill: web-2} erwartet</translation>
    </message>
    <message>
        <source>an action needs at:</source>
        <translation>eine Aktion braucht at:</translation>
    </message>
    <message>
        <source>unknown action "%1"</source>
        <translation>unbekannte Aktion „%1“</translation>
    </message>
    <message>
        <source>one operation per action</source>
        <translation>eine Operation pro Aktion</translation>
    </message>
    <message>
        <source>the action names no operation</source>
        <translation>die Aktion nennt keine Operation</translation>
    </message>
    <message>
        <source>give prometheus or prometheus_file, not both</source>
        <translation>prometheus oder prometheus_file angeben, nicht beides</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the name "%1" is used twice</source>
        <translation>der Name „%1“ wird doppelt verwendet</translation>
    </message>
    <message>
        <source>the lab gateway is disabled: give this job a gateway URL</source>
        <translation>das Labor-Gateway ist deaktiviert: geben Sie diesem Job eine Gateway-URL</translation>
    </message>
    <message>
        <source>no %1 named "%2"</source>
        <translation>kein %1 namens „%2“</translation>
    </message>
    <message>
        <source>job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>target or pod</source>
        <translation>Ziel oder Pod</translation>
    </message>
    <message>
        <source>the lab gateway is disabled in this scenario</source>
        <translation>das Labor-Gateway ist in diesem Szenario deaktiviert</translation>
    </message>
    <message>
        <source>unknown placeholder %1</source>
        <translation>unbekannter Platzhalter %1</translation>
    </message>
    <message>
        <source>a scenario is a YAML mapping</source>
        <translation>ein Szenario ist ein YAML-Mapping</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>duplicate key "%1" (first at line %2)</source>
        <translation>doppelter Schlüssel „%1“ (zuerst in Zeile %2)</translation>
    </message>
    <message>
        <source>format is text or openmetrics</source>
        <translation>format ist text oder openmetrics</translation>
    </message>
    <message>
        <source>an exporter needs a name</source>
        <translation>ein Exporter braucht einen Namen</translation>
    </message>
    <message>
        <source>kind is node, blackbox or pushgateway</source>
        <translation>kind ist node, blackbox oder pushgateway</translation>
    </message>
    <message>
        <source>config is the blackbox exporter's modules; give other exporters flags under args</source>
        <translation>config sind die Module des Blackbox-Exporters; anderen Exportern geben Sie Optionen unter args</translation>
    </message>
    <message>
        <source>expected a list</source>
        <translation>eine Liste erwartet</translation>
    </message>
    <message>
        <source>speed is a number from %1 to %2 (like 10 or 0.25)</source>
        <translation>speed ist eine Zahl von %1 bis %2 (wie 10 oder 0.25)</translation>
    </message>
    <message>
        <source>advance needs a duration above zero (like 5m)</source>
        <translation>advance braucht eine Dauer größer als null (wie 5m)</translation>
    </message>
    <message>
        <source>engine is real or embedded, not "%1"</source>
        <translation>engine ist real oder embedded, nicht „%1“</translation>
    </message>
</context>
<context>
    <name>ppl::ScenarioIntroBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Hide this introduction (Help → About this scenario shows it again)</source>
        <translation>Diese Einführung ausblenden (Hilfe → Über dieses Szenario zeigt sie wieder)</translation>
    </message>
    <message>
        <source>Scenario %1</source>
        <translation>Szenario %1</translation>
    </message>
    <message>
        <source>This scenario file has no description.</source>
        <translation>Diese Szenariodatei hat keine Beschreibung.</translation>
    </message>
</context>
<context>
    <name>ppl::ScrapeLoop</name>
    <message>
        <source>invalid metric name or label names: %1</source>
        <translation>invalid metric name or label names: %1</translation>
    </message>
</context>
<context>
    <name>ppl::ScrapedLabels</name>
    <message>
        <source>missing metric name (__name__ label)</source>
        <translation>missing metric name (__name__ label)</translation>
    </message>
    <message>
        <source>label name %1 is not unique: invalid sample</source>
        <translation>label name %1 is not unique: invalid sample</translation>
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
        <source>Ctrl+Shift+Backspace</source>
        <translation>Ctrl+Shift+Backspace</translation>
    </message>
    <message>
        <source>Accepted, but the lab does not act on:
%1</source>
        <translation>Angenommen, aber das Labor setzt Folgendes nicht um:
%1</translation>
    </message>
    <message>
        <source>dropped: %1</source>
        <translation>verworfen: %1</translation>
    </message>
    <message>
        <source>Apply r&amp;ules</source>
        <translation>Reg&amp;eln anwenden</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Which of the scenario's rule files to edit</source>
        <translation>Welche Regeldatei des Szenarios bearbeitet wird</translation>
    </message>
    <message>
        <source>Rule file</source>
        <translation>Regeldatei</translation>
    </message>
    <message>
        <source>This scenario has no rule file. Rules written here are added to it (groups:, then rules with alert: or record:).</source>
        <translation>Dieses Szenario hat keine Regeldatei. Hier geschriebene Regeln werden ihm hinzugefügt (groups:, dann Regeln mit alert: oder record:).</translation>
    </message>
    <message>
        <source>Running rules.</source>
        <translation>Laufende Regeln.</translation>
    </message>
    <message>
        <source>✔ Applied: the server reloaded its rules.</source>
        <translation>✔ Angewendet: der Server hat seine Regeln neu geladen.</translation>
    </message>
    <message>
        <source>✖ Rejected, the running rules stay: %1</source>
        <translation>✖ Abgelehnt, die laufenden Regeln bleiben: %1</translation>
    </message>
    <message>
        <source>Rule file rejected: %1</source>
        <translation>Regeldatei abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>ppl::SimulatedTarget</name>
    <message>
        <source>%1 is already running</source>
        <translation>%1 läuft bereits</translation>
    </message>
    <message>
        <source>%1 cannot listen on %2:%3: %4</source>
        <translation>%1 kann nicht auf %2:%3 lauschen: %4</translation>
    </message>
</context>
<context>
    <name>ppl::StaleReason</name>
    <message>
        <source>target down</source>
        <translation>Target down</translation>
    </message>
    <message>
        <source>target down: %1</source>
        <translation>Target down: %1</translation>
    </message>
    <message>
        <source>series vanished from the scrape (the target answered without it)</source>
        <translation>Serie aus dem Scrape verschwunden (das Target antwortete ohne sie)</translation>
    </message>
    <message>
        <source>end of scrape: target no longer scraped</source>
        <translation>Ende des Scrapens: Target wird nicht mehr gescrapt</translation>
    </message>
    <message>
        <source>stale (the reason is no longer known)</source>
        <translation>stale (der Grund ist nicht mehr bekannt)</translation>
    </message>
</context>
<context>
    <name>ppl::SubjectText</name>
    <message>
        <source>exporter</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>lab server</source>
        <translation>Labor-Server</translation>
    </message>
    <message>
        <source>pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>outside the lab</source>
        <translation>außerhalb des Labors</translation>
    </message>
    <message>
        <source>A real exporter the scenario started, scraped by job %1. The lab does not simulate it: it has no faults to inject.</source>
        <translation>Ein echter Exporter, den das Szenario gestartet hat, gescrapt von Job %1. Das Labor simuliert ihn nicht: Es gibt keine Fehler einzuspeisen.</translation>
    </message>
    <message>
        <source>The lab server's own /metrics, scraped by job %1.</source>
        <translation>Die eigene /metrics des Labor-Servers, gescrapt von Job %1.</translation>
    </message>
    <message>
        <source>Outside the lab: a program the lab does not run (your own app), listed in prometheus.yml and scraped by job %1. The lab cannot kill or fault it; stop it yourself and watch up go to 0.</source>
        <translation>Außerhalb des Labors: ein Programm, das das Labor nicht ausführt (Ihre eigene App), in prometheus.yml eingetragen und gescrapt von Job %1. Das Labor kann es weder beenden noch stören; beenden Sie es selbst und beobachten Sie, wie up auf 0 geht.</translation>
    </message>
    <message>
        <source>unknown client</source>
        <translation>unbekannter Client</translation>
    </message>
    <message>
        <source>%1 (outside the lab: %2)</source>
        <translation>%1 (außerhalb des Labors: %2)</translation>
    </message>
    <message>
        <source>job %1</source>
        <translation>Job %1</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>Target %1</translation>
    </message>
    <message>
        <source>outside the lab: %1</source>
        <translation>außerhalb des Labors: %1</translation>
    </message>
</context>
<context>
    <name>ppl::TargetBuilder</name>
    <message>
        <source>no address</source>
        <translation>no address</translation>
    </message>
    <message>
        <source>invalid scheme: "%1"</source>
        <translation>invalid scheme: "%1"</translation>
    </message>
    <message>
        <source>"%1" is not a valid hostname</source>
        <translation>"%1" is not a valid hostname</translation>
    </message>
    <message>
        <source>scrape interval cannot be 0</source>
        <translation>scrape interval cannot be 0</translation>
    </message>
    <message>
        <source>scrape timeout cannot be 0</source>
        <translation>scrape timeout cannot be 0</translation>
    </message>
    <message>
        <source>scrape timeout cannot be greater than scrape interval ("%1" &gt; "%2")</source>
        <translation>scrape timeout cannot be greater than scrape interval ("%1" &gt; "%2")</translation>
    </message>
    <message>
        <source>invalid label value for "%1": "%2"</source>
        <translation>invalid label value for "%1": "%2"</translation>
    </message>
    <message>
        <source>error parsing scrape interval: %1</source>
        <translation>error parsing scrape interval: %1</translation>
    </message>
    <message>
        <source>error parsing scrape timeout: %1</source>
        <translation>error parsing scrape timeout: %1</translation>
    </message>
</context>
<context>
    <name>ppl::TargetDiscovery</name>
    <message>
        <source>job %1: target %2: %3</source>
        <translation>Job %1: Ziel %2: %3</translation>
    </message>
    <message>
        <source>file_sd: %1</source>
        <translation>file_sd: %1</translation>
    </message>
    <message>
        <source>dropped by relabel_configs</source>
        <translation>durch relabel_configs verworfen</translation>
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
        <translation>Letzter Scrape</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>OpenMetrics %1</source>
        <translation>OpenMetrics %1</translation>
    </message>
    <message>
        <source>text %1</source>
        <translation>Text %1</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>protobuf</source>
        <translation>Protobuf</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a target and its badge, e.g. outside the lab</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>not run by the lab</source>
        <translation>nicht vom Labor betrieben</translation>
    </message>
</context>
<context>
    <name>ppl::TargetsPanel</name>
    <message>
        <source>&amp;Remove target</source>
        <translation>Ziel &amp;entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Del</source>
        <translation>Ctrl+Shift+Del</translation>
    </message>
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
        <translation>Name des neuen Dienstes (er liefert /metrics auf einem eigenen Port; tragen Sie ihn als {{target:NAME}} in die prometheus.yml ein, damit er gescrapt wird):</translation>
    </message>
    <message>
        <source>Add target %1: %2</source>
        <translation>Ziel %1 hinzufügen: %2</translation>
    </message>
    <message>
        <source>Serve &amp;OpenMetrics</source>
        <translation>&amp;OpenMetrics ausliefern</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>Open /&amp;metrics</source>
        <translation>/&amp;metrics öffnen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Open the selected target's /metrics in the web browser</source>
        <translation>Die /metrics des gewählten Targets im Webbrowser öffnen</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>&amp;Push on/off</source>
        <translation>&amp;Push an/aus</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>Switch the selected target's push to the Pushgateway on or off</source>
        <translation>Den Push des gewählten Targets an das Pushgateway ein- oder ausschalten</translation>
    </message>
    <message>
        <source>%1 every %2 s to %3 under %4</source>
        <translation>%1 alle %2 s an %3 unter %4</translation>
    </message>
    <message>
        <source>the lab gateway</source>
        <translation>das Labor-Gateway</translation>
    </message>
    <message>
        <source>%1 pushes (%2). Switch it off to migrate it to pull: it stops pushing, and its group stays at the gateway until you delete it.</source>
        <translation>%1 pusht (%2). Schalten Sie es aus, um auf Pull umzustellen: Es hört auf zu pushen, und seine Gruppe bleibt am Gateway, bis Sie sie löschen.</translation>
    </message>
    <message>
        <source>%1 does not push. Switch it on to push again (%2).</source>
        <translation>%1 pusht nicht. Schalten Sie es ein, um wieder zu pushen (%2).</translation>
    </message>
    <message>
        <source>%1 has no push: block. Switch it on to push with the default: %2.</source>
        <translation>%1 hat keinen push:-Block. Schalten Sie es ein, um mit der Voreinstellung zu pushen: %2.</translation>
    </message>
</context>
<context>
    <name>ppl::TextParser</name>
    <message>
        <source>invalid metric name in comment</source>
        <translation>invalid metric name in comment</translation>
    </message>
    <message>
        <source>unknown metric type %1</source>
        <translation>unknown metric type %1</translation>
    </message>
    <message>
        <source>invalid escape sequence '\%1'</source>
        <translation>invalid escape sequence '\%1'</translation>
    </message>
    <message>
        <source>invalid metric name</source>
        <translation>invalid metric name</translation>
    </message>
    <message>
        <source>expected float as value, got %1</source>
        <translation>expected float as value, got %1</translation>
    </message>
    <message>
        <source>expected integer as timestamp, got %1</source>
        <translation>expected integer as timestamp, got %1</translation>
    </message>
    <message>
        <source>spurious string after timestamp: %1</source>
        <translation>spurious string after timestamp: %1</translation>
    </message>
    <message>
        <source>invalid label name for metric %1</source>
        <translation>invalid label name for metric %1</translation>
    </message>
    <message>
        <source>expected '=' after label name, found %1</source>
        <translation>expected '=' after label name, found %1</translation>
    </message>
    <message>
        <source>label name "__name__" is reserved</source>
        <translation>label name "__name__" is reserved</translation>
    </message>
    <message>
        <source>duplicate label names for metric %1</source>
        <translation>duplicate label names for metric %1</translation>
    </message>
    <message>
        <source>expected '"' at start of label value, found %1</source>
        <translation>expected '"' at start of label value, found %1</translation>
    </message>
    <message>
        <source>unexpected end of label value %1</source>
        <translation>unexpected end of label value %1</translation>
    </message>
    <message>
        <source>label value %1 contains unescaped new-line</source>
        <translation>label value %1 contains unescaped new-line</translation>
    </message>
    <message>
        <source>invalid label value %1</source>
        <translation>invalid label value %1</translation>
    </message>
    <message>
        <source>second HELP line for metric name %1</source>
        <translation>second HELP line for metric name %1</translation>
    </message>
    <message>
        <source>second TYPE line for metric name %1, or TYPE reported after samples</source>
        <translation>second TYPE line for metric name %1, or TYPE reported after samples</translation>
    </message>
    <message>
        <source>label name %1 is reserved</source>
        <translation>label name %1 is reserved</translation>
    </message>
    <message>
        <source>expected float as value for 'quantile' label, got %1</source>
        <translation>expected float as value for 'quantile' label, got %1</translation>
    </message>
    <message>
        <source>expected float as value for 'le' label, got %1</source>
        <translation>expected float as value for 'le' label, got %1</translation>
    </message>
    <message>
        <source>duplicate series %1, first seen in line %2</source>
        <translation>duplicate series %1, first seen in line %2</translation>
    </message>
    <message>
        <source>"INVALID" is not a valid start token</source>
        <translation>"INVALID" is not a valid start token</translation>
    </message>
    <message>
        <source>expected metric name after %1, got "INVALID"</source>
        <translation>expected metric name after %1, got "INVALID"</translation>
    </message>
    <message>
        <source>linebreak expected after metadata, got "EOF"</source>
        <translation>linebreak expected after metadata, got "EOF"</translation>
    </message>
    <message>
        <source>invalid metric type %1</source>
        <translation>invalid metric type %1</translation>
    </message>
    <message>
        <source>help text is not a valid utf8 string</source>
        <translation>help text is not a valid utf8 string</translation>
    </message>
    <message>
        <source>expected value after metric, got "%1"</source>
        <translation>expected value after metric, got "%1"</translation>
    </message>
    <message>
        <source>strconv.ParseFloat: parsing %1: invalid syntax</source>
        <translation>strconv.ParseFloat: parsing %1: invalid syntax</translation>
    </message>
    <message>
        <source>expected timestamp or new record, got "INVALID"</source>
        <translation>expected timestamp or new record, got "INVALID"</translation>
    </message>
    <message>
        <source>strconv.ParseInt: parsing %1: value out of range</source>
        <translation>strconv.ParseInt: parsing %1: value out of range</translation>
    </message>
    <message>
        <source>expected next entry after timestamp, got "%1"</source>
        <translation>expected next entry after timestamp, got "%1"</translation>
    </message>
    <message>
        <source>invalid metric name or label names</source>
        <translation>invalid metric name or label names</translation>
    </message>
    <message>
        <source>expected label name, got "%1"</source>
        <translation>expected label name, got "%1"</translation>
    </message>
    <message>
        <source>expected equal, got "%1"</source>
        <translation>expected equal, got "%1"</translation>
    </message>
    <message>
        <source>expected label value, got "INVALID"</source>
        <translation>expected label value, got "INVALID"</translation>
    </message>
    <message>
        <source>invalid UTF-8 label value</source>
        <translation>invalid UTF-8 label value</translation>
    </message>
    <message>
        <source>unsupported character in float</source>
        <translation>unsupported character in float</translation>
    </message>
    <message>
        <source>strconv.ParseFloat: parsing %1: value out of range</source>
        <translation>strconv.ParseFloat: parsing %1: value out of range</translation>
    </message>
    <message>
        <source>invalid metric type ""</source>
        <translation>invalid metric type ""</translation>
    </message>
    <message>
        <source>missing metric name (__name__ label)</source>
        <translation>missing metric name (__name__ label)</translation>
    </message>
</context>
<context>
    <name>ppl::TimeBar</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>While paused: run to the next scrape, push, job start or end, rule evaluation or timed action</source>
        <translation>Im pausierten Zustand: bis zum nächsten Scrape, Push, Start oder Ende eines Jobs, zur nächsten Regelauswertung oder zeitgesteuerten Aktion laufen</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Simulation speed</source>
        <translation>Simulationsgeschwindigkeit</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 min</translation>
    </message>
    <message>
        <source>+5 min</source>
        <translation>+5 min</translation>
    </message>
    <message>
        <source>+1 h</source>
        <translation>+1 h</translation>
    </message>
    <message>
        <source>Fast-forward the lab clock as fast as the machine allows</source>
        <translation>Die Laboruhr so schnell vorspulen, wie der Rechner es erlaubt</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>fast-forward %1×</source>
        <translation>Vorspulen %1×</translation>
    </message>
    <message>
        <source>effective %1×</source>
        <translation>tatsächlich %1×</translation>
    </message>
    <message>
        <source>effective %1× (the machine cannot keep up)</source>
        <translation>tatsächlich %1× (der Rechner kommt nicht mit)</translation>
    </message>
    <message>
        <source>Simulation speed, from %1× to %2×</source>
        <translation>Simulationsgeschwindigkeit, von %1× bis %2×</translation>
    </message>
</context>
<context>
    <name>ppl::TimelineView</name>
    <message>
        <source>server scrapes gateway</source>
        <translation>Server scrapt Gateway</translation>
    </message>
    <message>
        <source>PULL: the server scrapes each target</source>
        <translation>PULL: der Server scrapt jedes Ziel</translation>
    </message>
    <message>
        <source>PUSH: jobs push to the gateway; the server scrapes the gateway</source>
        <translation>PUSH: Jobs pushen an das Gateway; der Server scrapt das Gateway</translation>
    </message>
    <message>
        <source>job %1 runs</source>
        <translation>Läufe von Job %1</translation>
    </message>
    <message>
        <source>Click a mark (or hover over it) to see its details: status, error, samples, bytes, duration and time.</source>
        <translation>Eine Markierung anklicken (oder mit der Maus darauf zeigen), um ihre Details zu sehen: Status, Fehler, Samples, Bytes, Dauer und Zeit.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a detail of a timeline mark: key, value</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>The server scraped the gateway</source>
        <translation>Der Server hat das Gateway gescrapt</translation>
    </message>
    <message>
        <source>The server scraped %1</source>
        <translation>Der Server hat %1 gescrapt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Scrape job</source>
        <translation>Scrape-Job</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 deleted the group %2 on the gateway</source>
        <translation>%1 hat die Gruppe %2 am Gateway gelöscht</translation>
    </message>
    <message>
        <source>%1 pushed the group %2 to the gateway</source>
        <translation>%1 hat die Gruppe %2 an das Gateway gepusht</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Run %1 of job %2</source>
        <translation>Lauf %1 von Job %2</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>An outside client pushed %1 to the gateway</source>
        <translation>Ein externer Client hat %1 an das Gateway gepusht</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>ALERTS: %1 pending, %2 firing, %3 resolved</source>
        <translation>ALERTS: %1 pending, %2 firing, %3 aufgelöst</translation>
    </message>
    <message>
        <source>Alert %1 fired</source>
        <translation>Alert %1 feuerte</translation>
    </message>
    <message>
        <source>Alert %1 is pending</source>
        <translation>Alert %1 ist pending</translation>
    </message>
    <message>
        <source>Alert %1 resolved</source>
        <translation>Alert %1 aufgelöst</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Rule group</source>
        <translation>Regelgruppe</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a target and its badge, e.g. outside the lab</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (outside the lab: %2)</source>
        <translation>%1 (außerhalb des Labors: %2)</translation>
    </message>
</context>
<context>
    <name>ppl::TimestampView</name>
    <message>
        <source>&amp;Job:</source>
        <translation>&amp;Job:</translation>
    </message>
    <message>
        <source>The job whose work, pushes and gateway scrapes are shown</source>
        <translation>Der Job, dessen Arbeit, Pushes und Gateway-Scrapes gezeigt werden</translation>
    </message>
    <message>
        <source>One time axis for job %1: when it worked, when it pushed, and each time the server scraped the gateway.</source>
        <translation>Eine Zeitachse für Job %1: wann er arbeitete, wann er pushte und jedes Mal, wenn der Server das Gateway scrapte.</translation>
    </message>
    <message>
        <source>No job in this lab: add one to see its timestamps.</source>
        <translation>Kein Job in diesem Labor: fügen Sie einen hinzu, um seine Zeitstempel zu sehen.</translation>
    </message>
    <message>
        <source>Job %1 does not push: nothing of it reaches the gateway, only a scrape while it runs would see it.</source>
        <translation>Job %1 pusht nicht: nichts von ihm erreicht das Gateway, nur ein Scrape während seines Laufs würde ihn sehen.</translation>
    </message>
    <message>
        <source>job works</source>
        <translation>Job arbeitet</translation>
    </message>
    <message>
        <source>job pushes</source>
        <translation>Job pusht</translation>
    </message>
    <message>
        <source>server scrapes gateway</source>
        <translation>Server scrapt Gateway</translation>
    </message>
    <message>
        <source>×%1</source>
        <comment>how many scrapes returned this push</comment>
        <translation>×%1</translation>
    </message>
    <message>
        <source>newest scrape returned the push of %1, %2 s old</source>
        <translation>neuester Scrape lieferte den Push von %1, %2 s alt</translation>
    </message>
    <message>
        <source>no scrape in view returned a value pushed by this job</source>
        <translation>kein sichtbarer Scrape lieferte einen von diesem Job gepushten Wert</translation>
    </message>
    <message>
        <source>job working</source>
        <translation>Job arbeitet</translation>
    </message>
    <message>
        <source>push accepted</source>
        <translation>Push angenommen</translation>
    </message>
    <message>
        <source>push rejected</source>
        <translation>Push abgelehnt</translation>
    </message>
    <message>
        <source>group deleted</source>
        <translation>Gruppe gelöscht</translation>
    </message>
    <message>
        <source>server scraped the gateway</source>
        <translation>Server scrapte Gateway</translation>
    </message>
    <message>
        <source>that scrape failed</source>
        <translation>Scrape fehlgeschlagen</translation>
    </message>
    <message>
        <source>the scrape returned this push's value</source>
        <translation>Scrape lieferte Wert dieses Pushs</translation>
    </message>
    <message>
        <source>The server scraped the gateway at %1.</source>
        <translation>Der Server hat das Gateway um %1 gescrapt.</translation>
    </message>
    <message>
        <source>It returned the value pushed at %1, then %2 s old.</source>
        <translation>Er lieferte den um %1 gepushten Wert, damals %2 s alt.</translation>
    </message>
    <message>
        <source>The gateway held nothing for this job.</source>
        <translation>Das Gateway hatte nichts für diesen Job.</translation>
    </message>
    <message>
        <source>Collected by %1 scrapes of the gateway in view.</source>
        <translation>Gesammelt von %1 sichtbaren Scrapes des Gateways.</translation>
    </message>
    <message>
        <source>Run %1: from %2 to %3 (%4 s)</source>
        <translation>Lauf %1: von %2 bis %3 (%4 s)</translation>
    </message>
    <message>
        <source>now, still running</source>
        <translation>jetzt, läuft noch</translation>
    </message>
    <message>
        <source>%1, pushed from outside the lab by %2: its pushes and each time the server scraped the gateway.</source>
        <translation>%1, von außerhalb des Labors gepusht von %2: seine Pushes und jedes Mal, wenn der Server das Gateway gescrapt hat.</translation>
    </message>
    <message>
        <source>work not seen</source>
        <translation>Arbeit nicht sichtbar</translation>
    </message>
    <message>
        <source>client pushes</source>
        <translation>Client-Pushes</translation>
    </message>
</context>
<context>
    <name>ppl::TopologyView</name>
    <message>
        <source>Prometheus server</source>
        <translation>Prometheus-Server</translation>
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
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>not scraped — dropped by relabelling</source>
        <translation>nicht gescrapt — durch Relabeling verworfen</translation>
    </message>
    <message>
        <source>pulls: scrapes every target</source>
        <translation>pullt: scrapt jedes Ziel</translation>
    </message>
    <message>
        <source>The Prometheus server: it pulls (scrapes) every target and the Pushgateway.
Click: its configuration.</source>
        <translation>Der Prometheus-Server: er pullt (scrapt) jedes Ziel und das Pushgateway.
Klick: seine Konfiguration.</translation>
    </message>
    <message>
        <source>jobs push here; scraped</source>
        <translation>Jobs pushen; gescrapt</translation>
    </message>
    <message>
        <source>jobs push here; not scraped</source>
        <translation>Jobs pushen; nicht gescrapt</translation>
    </message>
    <message>
        <source>The Pushgateway: batch jobs push their metrics here, and the server scrapes it like any target.</source>
        <translation>Das Pushgateway: Batch-Jobs pushen ihre Metriken hierher, und der Server scrapt es wie jedes Ziel.</translation>
    </message>
    <message>
        <source>%1 running  :%2</source>
        <translation>%1 läuft  :%2</translation>
    </message>
    <message>
        <source>Target %1 (%2)
State: %3</source>
        <translation>Ziel %1 (%2)
Zustand: %3</translation>
    </message>
    <message>
        <source>scraped by job %1</source>
        <translation>gescrapt vom Job %1</translation>
    </message>
    <message>
        <source>not scraped — not discovered</source>
        <translation>nicht gescrapt — nicht gefunden</translation>
    </message>
    <message>
        <source>Pod %1 (%2)
%3
State: %4</source>
        <translation>Pod %1 (%2)
%3
Zustand: %4</translation>
    </message>
    <message>
        <source>Discovered by job %1, then dropped by its relabel_configs (for example a keep rule on the prometheus.io/scrape annotation).</source>
        <translation>Vom Job %1 gefunden, dann von seinen relabel_configs verworfen (zum Beispiel von einer keep-Regel auf der Annotation prometheus.io/scrape).</translation>
    </message>
    <message>
        <source>Batch job %1 (%2)</source>
        <translation>Batch-Job %1 (%2)</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Firewall: the server's requests to %1 are dropped.</source>
        <translation>Firewall: die Anfragen des Servers an %1 werden verworfen.</translation>
    </message>
    <message>
        <source>Last delete</source>
        <translation>Letztes Löschen</translation>
    </message>
    <message>
        <source>Last push</source>
        <translation>Letzter Push</translation>
    </message>
    <message>
        <source>%1: ✔ accepted (%2)</source>
        <translation>%1: ✔ angenommen (%2)</translation>
    </message>
    <message>
        <source>%1: ✖ rejected (%2): %3</source>
        <translation>%1: ✖ abgelehnt (%2): %3</translation>
    </message>
    <message>
        <source>Last scrape: %1 up</source>
        <translation>Letzter Scrape: %1 up</translation>
    </message>
    <message>
        <source>Last scrape: %1 failed: %2</source>
        <translation>Letzter Scrape: %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 Alert firing: %2</source>
        <translation>%1 Alert firing: %2</translation>
    </message>
    <message>
        <source>%1 up · job %2</source>
        <translation>%1 up · Job %2</translation>
    </message>
    <message>
        <source>pushed by %1</source>
        <translation>gepusht von %1</translation>
    </message>
    <message>
        <source>Group %1, pushed from outside the lab by %2 (User-Agent).
The lab does not run this client: it only sees its pushes.</source>
        <translation>Gruppe %1, von außerhalb des Labors gepusht von %2 (User-Agent).
Das Labor führt diesen Client nicht aus: Es sieht nur seine Pushes.</translation>
    </message>
    <message>
        <source>%1 not scraped yet · job %2</source>
        <translation>%1 noch nicht gescrapt · Job %2</translation>
    </message>
    <message>
        <source>%1 down · job %2</source>
        <translation>%1 down · Job %2</translation>
    </message>
    <message>
        <source>Target %1 (%2)
%3</source>
        <translation>Target %1 (%2)
%3</translation>
    </message>
    <message>
        <source>no push: pulled while it runs</source>
        <translation>kein Push: gepullt, solange er läuft</translation>
    </message>
</context>
<context>
    <name>ppl::ViewExporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported by Pull/Push Lab</source>
        <translation>Exportiert vom Pull/Push-Labor</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>Es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>Als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export as SVG</source>
        <translation>Als SVG exportieren</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>This view has no data to export as CSV.</source>
        <translation>Diese Ansicht hat keine Daten, die als CSV exportiert werden können.</translation>
    </message>
    <message>
        <source>The chart shown has no data to export as CSV.</source>
        <translation>Das angezeigte Diagramm hat keine Daten, die als CSV exportiert werden können.</translation>
    </message>
    <message>
        <source>The chart has no data in its window.</source>
        <translation>Das Diagramm hat keine Daten in seinem Zeitfenster.</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>Diagrammdaten exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Execute a query first: its result is what is exported.</source>
        <translation>Zuerst eine Abfrage ausführen: Exportiert wird ihr Ergebnis.</translation>
    </message>
    <message>
        <source>Export query result</source>
        <translation>Abfrageergebnis exportieren</translation>
    </message>
    <message>
        <source>The query graph is empty: execute a query first.</source>
        <translation>Der Abfragegraph ist leer: zuerst eine Abfrage ausführen.</translation>
    </message>
    <message>
        <source>Export query graph data</source>
        <translation>Daten des Abfragegraphen exportieren</translation>
    </message>
    <message>
        <source>Export window as PNG</source>
        <translation>Fenster als PNG exportieren</translation>
    </message>
    <message>
        <source>No scenario is running.</source>
        <translation>Es läuft kein Szenario.</translation>
    </message>
    <message>
        <source>Export world for real Prometheus: choose a directory</source>
        <translation>Welt für das echte Prometheus exportieren: Verzeichnis wählen</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>&amp;Window as PNG…</source>
        <translation>&amp;Fenster als PNG…</translation>
    </message>
    <message>
        <source>&amp;Topology as PNG…</source>
        <translation>&amp;Topologie als PNG…</translation>
    </message>
    <message>
        <source>T&amp;imeline as PNG…</source>
        <translation>&amp;Zeitleiste als PNG…</translation>
    </message>
    <message>
        <source>Ti&amp;meline as SVG…</source>
        <translation>Zeitl&amp;eiste als SVG…</translation>
    </message>
    <message>
        <source>&amp;Chart as PNG…</source>
        <translation>&amp;Diagramm als PNG…</translation>
    </message>
    <message>
        <source>Chart as &amp;SVG…</source>
        <translation>Diagramm als &amp;SVG…</translation>
    </message>
    <message>
        <source>Chart &amp;data as CSV…</source>
        <translation>Diagrammdaten als &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Query result as CSV…</source>
        <translation>&amp;Abfrageergebnis als CSV…</translation>
    </message>
    <message>
        <source>Query &amp;graph as PNG…</source>
        <translation>Abfrage&amp;graph als PNG…</translation>
    </message>
    <message>
        <source>Query g&amp;raph as SVG…</source>
        <translation>Abfragegrap&amp;h als SVG…</translation>
    </message>
    <message>
        <source>Query graph data as CS&amp;V…</source>
        <translation>Daten des Abfragegraphen als CS&amp;V…</translation>
    </message>
    <message>
        <source>World for real &amp;Prometheus…</source>
        <translation>Welt für das echte &amp;Prometheus…</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>Als SVG exportieren…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>Daten als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export result as CSV…</source>
        <translation>Ergebnis als CSV exportieren…</translation>
    </message>
</context>
<context>
    <name>ppl::engine::ChildServer</name>
    <message>
        <source>%1 is not installed: %2 not found (install the Debian package %3)</source>
        <translation>%1 ist nicht installiert: %2 nicht gefunden (installiere das Debian-Paket %3)</translation>
    </message>
    <message>
        <source>%1: no free loopback port</source>
        <translation>%1: kein freier Loopback-Port</translation>
    </message>
    <message>
        <source>%1: %2 did not start: %3</source>
        <translation>%1: %2 ist nicht gestartet: %3</translation>
    </message>
    <message>
        <source>%1 did not answer %2 within %3 s: %4</source>
        <translation>%1 hat %2 nicht innerhalb von %3 s beantwortet: %4</translation>
    </message>
    <message>
        <source>%1 did not start: %2</source>
        <translation>%1 ist nicht gestartet: %2</translation>
    </message>
    <message>
        <source>%1 stopped: %2</source>
        <translation>%1 wurde beendet: %2</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>mit Code %1 beendet</translation>
    </message>
</context>
<context>
    <name>ppl::engine::HeadlessRealScenario</name>
    <message>
        <source>--listen: "%1" is not HOST:PORT</source>
        <translation>--listen: „%1“ ist nicht HOST:PORT</translation>
    </message>
    <message>
        <source>--gateway-basic-auth applies to the lab's own gateway, not to the real one (--engine real)</source>
        <translation>--gateway-basic-auth gilt für das eigene Gateway des Labors, nicht für das echte (--engine real)</translation>
    </message>
</context>
<context>
    <name>ppl::engine::RealEngine</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>no temporary directory for the real engine: %1</source>
        <translation>kein temporäres Verzeichnis für die echte Engine: %1</translation>
    </message>
    <message>
        <source>no free loopback port for %1</source>
        <translation>kein freier Loopback-Port für %1</translation>
    </message>
    <message>
        <source>this engine runs no Pushgateway</source>
        <translation>diese Engine betreibt kein Pushgateway</translation>
    </message>
    <message>
        <source>the real engine runs no %1</source>
        <translation>die echte Engine betreibt kein %1</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>prometheus is not running; the configuration is written and read when it starts</source>
        <translation>prometheus läuft nicht; die Konfiguration ist geschrieben und wird beim Start gelesen</translation>
    </message>
</context>
<context>
    <name>ppl::engine::RealLab</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the real engine did not come up within %1 s</source>
        <translation>die echte Engine ist nicht innerhalb von %1 s hochgekommen</translation>
    </message>
</context>
<context>
    <name>ppl::lesson::HeadlessLesson</name>
    <message>
        <source>--listen: "%1" is not HOST:PORT</source>
        <translation>--listen: "%1" ist nicht HOST:PORT</translation>
    </message>
    <message>
        <source>--gateway-listen: "%1" is not HOST:PORT</source>
        <translation>--gateway-listen: "%1" ist nicht HOST:PORT</translation>
    </message>
    <message>
        <source>step %1/%2: %3</source>
        <translation>Schritt %1/%2: %3</translation>
    </message>
    <message>
        <source>passed %1</source>
        <translation>%1 bestanden</translation>
    </message>
    <message>
        <source>lesson action %1 failed: %2</source>
        <translation>Lektionsaktion %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>lesson passed</source>
        <translation>Lektion bestanden</translation>
    </message>
    <message>
        <source>lesson not passed</source>
        <translation>Lektion nicht bestanden</translation>
    </message>
    <message>
        <source>predict: %1</source>
        <translation>Vorhersage: %1</translation>
    </message>
    <message>
        <source>answer first: curl -H 'Content-Type: application/json' -d '{"choice": N}' %1/lab/lesson/predict</source>
        <translation>zuerst antworten: curl -H 'Content-Type: application/json' -d '{"choice": N}' %1/lab/lesson/predict</translation>
    </message>
</context>
<context>
    <name>ppl::lesson::LessonControlApi</name>
    <message>
        <source>the lesson is shutting down</source>
        <translation>die Lektion wird beendet</translation>
    </message>
    <message>
        <source>no lesson is running</source>
        <translation>es läuft keine Lektion</translation>
    </message>
    <message>
        <source>expected {"choice": N}, N the number of a choice counted from 1</source>
        <translation>erwartet wird {"choice": N}, N die Nummer einer Auswahl, ab 1 gezählt</translation>
    </message>
    <message>
        <source>the lesson has no current step</source>
        <translation>die Lektion hat keinen aktuellen Schritt</translation>
    </message>
    <message>
        <source>step %1 asks no prediction</source>
        <translation>Schritt %1 stellt keine Vorhersagefrage</translation>
    </message>
    <message>
        <source>the prediction of step %1 is already answered (choice %2)</source>
        <translation>die Vorhersage von Schritt %1 ist schon beantwortet (Auswahl %2)</translation>
    </message>
    <message>
        <source>choice is a number from 1 to %1</source>
        <translation>choice ist eine Zahl von 1 bis %1</translation>
    </message>
    <message>
        <source>step %1 has no more hints</source>
        <translation>Schritt %1 hat keine weiteren Hinweise</translation>
    </message>
</context>
<context>
    <name>ppl::lesson::LessonRun</name>
    <message>
        <source>the lab is gone</source>
        <translation>das Labor existiert nicht mehr</translation>
    </message>
    <message>
        <source>fast-forwarding needs the lab's simulation clock</source>
        <translation>Vorspulen braucht die Simulationsuhr des Labors</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>empty result</source>
        <translation>leeres Ergebnis</translation>
    </message>
    <message numerus="yes">
        <source>%n series, first: %1 = %2</source>
        <translation>
            <numerusform>%n Serie, erste: %1 = %2</numerusform>
            <numerusform>%n Serien, erste: %1 = %2</numerusform>
        </translation>
    </message>
    <message>
        <source>no %1 alert</source>
        <translation>kein Alert %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 (%n instance(s))</source>
        <translation>
            <numerusform>%1 %2 (%n Instanz)</numerusform>
            <numerusform>%1 %2 (%n Instanzen)</numerusform>
        </translation>
    </message>
    <message>
        <source>no such scrape job</source>
        <translation>kein solcher Scrape-Job</translation>
    </message>
    <message>
        <source>scrape job %1</source>
        <translation>Scrape-Job %1</translation>
    </message>
    <message>
        <source>no such group at the gateway</source>
        <translation>keine solche Gruppe am Gateway</translation>
    </message>
    <message>
        <source>not within %1 s: %2</source>
        <translation>nicht innerhalb von %1 s: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>kann %1 nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>ppl::notify::Notifier</name>
    <message>
        <source>bad response status %1 %2</source>
        <translation>bad response status %1 %2</translation>
    </message>
    <message>
        <source>context deadline exceeded</source>
        <translation>context deadline exceeded</translation>
    </message>
</context>
<context>
    <name>ppl::query::EmptyResultExplainer</name>
    <message>
        <source>The expression reads no series; its operators or functions produced nothing (a comparison that no value passes, for example).</source>
        <translation>Der Ausdruck liest keine Serie; seine Operatoren oder Funktionen haben nichts ergeben (etwa ein Vergleich, den kein Wert besteht).</translation>
    </message>
    <message>
        <source>Every selector finds series at this time: the expression's operators removed them. A comparison or filter kept no value, vector matching found no pairs with the same labels (see on/ignoring), or a function such as absent() had nothing to say.</source>
        <translation>Jeder Selektor findet zu diesem Zeitpunkt Serien: Die Operatoren des Ausdrucks haben sie entfernt. Ein Vergleich oder Filter hat keinen Wert behalten, das Vektor-Matching fand keine Paare mit gleichen Labels (siehe on/ignoring), oder eine Funktion wie absent() hatte nichts zu melden.</translation>
    </message>
    <message>
        <source>No series has the name %1 in the lab's store.</source>
        <translation>Keine Serie im Speicher des Labors heißt %1.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Meinten Sie %1?</translation>
    </message>
    <message>
        <source>Series exist</source>
        <translation>Es gibt Serien</translation>
    </message>
    <message>
        <source>Series named %1 exist</source>
        <translation>Es gibt Serien namens %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n series), but none has %2.</source>
        <translation>
            <numerusform>%1 (%n Serie), aber keine hat %2.</numerusform>
            <numerusform>%1 (%n Serien), aber keine hat %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>None of them has the label %1 at all.</source>
        <translation>Keine von ihnen hat überhaupt das Label %1.</translation>
    </message>
    <message>
        <source>Values of %1 on them: %2.</source>
        <translation>Werte von %1 bei ihnen: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n series), and each matcher of %2 alone keeps some of them, but no series passes all of them together.</source>
        <translation>
            <numerusform>%1 (%n Serie), und jeder Matcher von %2 behält allein einige davon, aber keine Serie besteht alle zusammen.</numerusform>
            <numerusform>%1 (%n Serien), und jeder Matcher von %2 behält allein einige davon, aber keine Serie besteht alle zusammen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1() needs at least two samples in its range, but %2 has only one sample in the last %3 (per series). Make the range longer than two scrape intervals, e.g. [%4].</source>
        <translation>%1() braucht mindestens zwei Samples in seinem Bereich, aber %2 hat in den letzten %3 nur ein Sample (je Serie). Machen Sie den Bereich länger als zwei Scrape-Intervalle, z. B. [%4].</translation>
    </message>
    <message>
        <source>%1 has no sample at or before %2: its first sample is from %3.</source>
        <translation>%1 hat kein Sample zu oder vor %2: Sein erstes Sample ist von %3.</translation>
    </message>
    <message>
        <source>Its target %1 was removed from the scrape (it left the configuration or service discovery), so Prometheus marked all its series stale.</source>
        <translation>Sein Target %1 wurde aus dem Scrape entfernt (es hat die Konfiguration oder die Service-Discovery verlassen), also hat Prometheus alle seine Serien als veraltet markiert.</translation>
    </message>
    <message>
        <source>The scrape of %1 failed then (target down: up was 0), so Prometheus marked every series it had exposed stale.</source>
        <translation>Der Scrape von %1 schlug damals fehl (Target down: up war 0), also hat Prometheus jede Serie, die es geliefert hatte, als veraltet markiert.</translation>
    </message>
    <message>
        <source>Its target %1 still answered, but without this series: it vanished from the target's output (for the Pushgateway: its group was deleted or replaced).</source>
        <translation>Sein Target %1 antwortete noch, aber ohne diese Serie: Sie ist aus der Ausgabe des Targets verschwunden (beim Pushgateway: ihre Gruppe wurde gelöscht oder ersetzt).</translation>
    </message>
    <message>
        <source>Its scrape stopped delivering it (target down, removed, or the series vanished from the output).</source>
        <translation>Sein Scrape lieferte sie nicht mehr (Target down, entfernt, oder die Serie verschwand aus der Ausgabe).</translation>
    </message>
    <message>
        <source>%1 went stale at %2: a stale marker ends a series at once, without waiting for the lookback.</source>
        <translation>%1 wurde um %2 veraltet: Eine Staleness-Markierung beendet eine Serie sofort, ohne das Lookback abzuwarten.</translation>
    </message>
    <message>
        <source>The newest sample of %1 is from %2, %3 before the evaluation time: older than the selector's range, which holds no sample.</source>
        <translation>Das neueste Sample von %1 ist von %2, %3 vor dem Auswertungszeitpunkt: älter als der Bereich des Selektors, der kein Sample enthält.</translation>
    </message>
    <message>
        <source>The newest sample of %1 is from %2, %3 before the evaluation time: older than the lookback delta (%4), so an instant selector no longer sees it. This is what happens to series pushed with their own timestamps or no longer updated; last_over_time(%1[1h]) still shows them.</source>
        <translation>Das neueste Sample von %1 ist von %2, %3 vor dem Auswertungszeitpunkt: älter als das Lookback-Delta (%4), daher sieht ein Instant-Selektor es nicht mehr. So geht es Serien, die mit eigenen Zeitstempeln gepusht oder nicht mehr aktualisiert werden; last_over_time(%1[1h]) zeigt sie noch.</translation>
    </message>
</context>
<context>
    <name>ppl::query::Functions</name>
    <message>
        <source>absolute value of each sample</source>
        <translation>Betrag jedes Samples</translation>
    </message>
    <message>
        <source>1 with the selector's labels when the vector is empty, nothing otherwise</source>
        <translation>1 mit den Labels des Selektors, wenn der Vektor leer ist, sonst nichts</translation>
    </message>
    <message>
        <source>1 when the range holds no sample at all</source>
        <translation>1, wenn der Bereich gar kein Sample enthält</translation>
    </message>
    <message>
        <source>arc cosine of each sample (radians)</source>
        <translation>Arkuskosinus jedes Samples (Bogenmaß)</translation>
    </message>
    <message>
        <source>inverse hyperbolic cosine of each sample</source>
        <translation>Areakosinus hyperbolicus jedes Samples</translation>
    </message>
    <message>
        <source>arc sine of each sample (radians)</source>
        <translation>Arkussinus jedes Samples (Bogenmaß)</translation>
    </message>
    <message>
        <source>inverse hyperbolic sine of each sample</source>
        <translation>Areasinus hyperbolicus jedes Samples</translation>
    </message>
    <message>
        <source>arc tangent of each sample (radians)</source>
        <translation>Arkustangens jedes Samples (Bogenmaß)</translation>
    </message>
    <message>
        <source>inverse hyperbolic tangent of each sample</source>
        <translation>Areatangens hyperbolicus jedes Samples</translation>
    </message>
    <message>
        <source>average of the samples in the range</source>
        <translation>Mittelwert der Samples im Bereich</translation>
    </message>
    <message>
        <source>rounds each sample up to an integer</source>
        <translation>rundet jedes Sample auf eine ganze Zahl auf</translation>
    </message>
    <message>
        <source>how often the value changed in the range</source>
        <translation>wie oft sich der Wert im Bereich geändert hat</translation>
    </message>
    <message>
        <source>limits each sample to [min, max]</source>
        <translation>begrenzt jedes Sample auf [min, max]</translation>
    </message>
    <message>
        <source>limits each sample to at most max</source>
        <translation>begrenzt jedes Sample auf höchstens max</translation>
    </message>
    <message>
        <source>limits each sample to at least min</source>
        <translation>begrenzt jedes Sample auf mindestens min</translation>
    </message>
    <message>
        <source>cosine of each sample</source>
        <translation>Kosinus jedes Samples</translation>
    </message>
    <message>
        <source>hyperbolic cosine of each sample</source>
        <translation>Kosinus hyperbolicus jedes Samples</translation>
    </message>
    <message>
        <source>number of samples in the range</source>
        <translation>Anzahl der Samples im Bereich</translation>
    </message>
    <message>
        <source>day of the month (1-31) of a Unix time, UTC</source>
        <translation>Tag des Monats (1-31) einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>day of the week (0 = Sunday) of a Unix time, UTC</source>
        <translation>Wochentag (0 = Sonntag) einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>day of the year (1-366) of a Unix time, UTC</source>
        <translation>Tag des Jahres (1-366) einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>number of days in the month of a Unix time, UTC</source>
        <translation>Anzahl der Tage im Monat einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>radians to degrees</source>
        <translation>Bogenmaß in Grad</translation>
    </message>
    <message>
        <source>difference between the first and last value in the range, extrapolated (gauges)</source>
        <translation>Differenz zwischen erstem und letztem Wert im Bereich, extrapoliert (Gauges)</translation>
    </message>
    <message>
        <source>per-second derivative by linear regression (gauges)</source>
        <translation>Ableitung pro Sekunde durch lineare Regression (Gauges)</translation>
    </message>
    <message>
        <source>e to the power of each sample</source>
        <translation>e hoch jedes Sample</translation>
    </message>
    <message>
        <source>rounds each sample down to an integer</source>
        <translation>rundet jedes Sample auf eine ganze Zahl ab</translation>
    </message>
    <message>
        <source>count of native histograms (not stored by the lab)</source>
        <translation>Anzahl nativer Histogramme (vom Labor nicht gespeichert)</translation>
    </message>
    <message>
        <source>fraction of native histogram observations between two bounds (not stored by the lab)</source>
        <translation>Anteil der Beobachtungen eines nativen Histogramms zwischen zwei Grenzen (vom Labor nicht gespeichert)</translation>
    </message>
    <message>
        <source>φ-quantile from classic histogram buckets (le label)</source>
        <translation>φ-Quantil aus klassischen Histogramm-Buckets (Label le)</translation>
    </message>
    <message>
        <source>sum of native histograms (not stored by the lab)</source>
        <translation>Summe nativer Histogramme (vom Labor nicht gespeichert)</translation>
    </message>
    <message>
        <source>smoothed value by double exponential smoothing (gauges)</source>
        <translation>geglätteter Wert durch doppelte exponentielle Glättung (Gauges)</translation>
    </message>
    <message>
        <source>hour of the day (0-23) of a Unix time, UTC</source>
        <translation>Stunde des Tages (0-23) einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>difference of the last two samples in the range</source>
        <translation>Differenz der letzten beiden Samples im Bereich</translation>
    </message>
    <message>
        <source>increase of a counter over the range, extrapolated, resets handled</source>
        <translation>Zunahme eines Counters über den Bereich, extrapoliert, Resets berücksichtigt</translation>
    </message>
    <message>
        <source>per-second rate from the last two samples of a counter</source>
        <translation>Rate pro Sekunde aus den letzten beiden Samples eines Counters</translation>
    </message>
    <message>
        <source>joins the values of labels into a new label</source>
        <translation>verbindet die Werte von Labels zu einem neuen Label</translation>
    </message>
    <message>
        <source>sets a label from a regular expression over another label</source>
        <translation>setzt ein Label per regulärem Ausdruck über ein anderes Label</translation>
    </message>
    <message>
        <source>the newest sample in the range</source>
        <translation>das neueste Sample im Bereich</translation>
    </message>
    <message>
        <source>natural logarithm of each sample</source>
        <translation>natürlicher Logarithmus jedes Samples</translation>
    </message>
    <message>
        <source>decimal logarithm of each sample</source>
        <translation>dekadischer Logarithmus jedes Samples</translation>
    </message>
    <message>
        <source>binary logarithm of each sample</source>
        <translation>binärer Logarithmus jedes Samples</translation>
    </message>
    <message>
        <source>largest sample in the range</source>
        <translation>größtes Sample im Bereich</translation>
    </message>
    <message>
        <source>smallest sample in the range</source>
        <translation>kleinstes Sample im Bereich</translation>
    </message>
    <message>
        <source>minute of the hour (0-59) of a Unix time, UTC</source>
        <translation>Minute der Stunde (0-59) einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>month of the year (1-12) of a Unix time, UTC</source>
        <translation>Monat des Jahres (1-12) einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>the number π</source>
        <translation>die Zahl π</translation>
    </message>
    <message>
        <source>value predicted t seconds ahead by linear regression</source>
        <translation>Wert t Sekunden voraus, vorhergesagt durch lineare Regression</translation>
    </message>
    <message>
        <source>1 when the range holds any sample</source>
        <translation>1, wenn der Bereich irgendein Sample enthält</translation>
    </message>
    <message>
        <source>φ-quantile of the samples in the range</source>
        <translation>φ-Quantil der Samples im Bereich</translation>
    </message>
    <message>
        <source>degrees to radians</source>
        <translation>Grad in Bogenmaß</translation>
    </message>
    <message>
        <source>per-second average rate of a counter over the range, resets handled</source>
        <translation>durchschnittliche Rate pro Sekunde eines Counters über den Bereich, Resets berücksichtigt</translation>
    </message>
    <message>
        <source>how often a counter reset in the range</source>
        <translation>wie oft ein Counter im Bereich zurückgesetzt wurde</translation>
    </message>
    <message>
        <source>rounds each sample to the nearest multiple of to_nearest (default 1)</source>
        <translation>rundet jedes Sample auf das nächste Vielfache von to_nearest (Standard 1)</translation>
    </message>
    <message>
        <source>the single sample's value as a scalar, NaN otherwise</source>
        <translation>der Wert des einzigen Samples als Skalar, sonst NaN</translation>
    </message>
    <message>
        <source>sign of each sample: -1, 0 or 1</source>
        <translation>Vorzeichen jedes Samples: -1, 0 oder 1</translation>
    </message>
    <message>
        <source>sine of each sample</source>
        <translation>Sinus jedes Samples</translation>
    </message>
    <message>
        <source>hyperbolic sine of each sample</source>
        <translation>Sinus hyperbolicus jedes Samples</translation>
    </message>
    <message>
        <source>sorts by value, ascending (instant queries)</source>
        <translation>sortiert nach Wert, aufsteigend (Instant-Abfragen)</translation>
    </message>
    <message>
        <source>sorts by value, descending (instant queries)</source>
        <translation>sortiert nach Wert, absteigend (Instant-Abfragen)</translation>
    </message>
    <message>
        <source>square root of each sample</source>
        <translation>Quadratwurzel jedes Samples</translation>
    </message>
    <message>
        <source>population standard deviation of the samples in the range</source>
        <translation>Standardabweichung (Grundgesamtheit) der Samples im Bereich</translation>
    </message>
    <message>
        <source>population variance of the samples in the range</source>
        <translation>Varianz (Grundgesamtheit) der Samples im Bereich</translation>
    </message>
    <message>
        <source>sum of the samples in the range</source>
        <translation>Summe der Samples im Bereich</translation>
    </message>
    <message>
        <source>tangent of each sample</source>
        <translation>Tangens jedes Samples</translation>
    </message>
    <message>
        <source>hyperbolic tangent of each sample</source>
        <translation>Tangens hyperbolicus jedes Samples</translation>
    </message>
    <message>
        <source>the evaluation time in seconds since the Unix epoch</source>
        <translation>der Auswertungszeitpunkt in Sekunden seit der Unix-Epoche</translation>
    </message>
    <message>
        <source>the timestamp of each sample, in seconds</source>
        <translation>der Zeitstempel jedes Samples, in Sekunden</translation>
    </message>
    <message>
        <source>the scalar as a vector without labels</source>
        <translation>der Skalar als Vektor ohne Labels</translation>
    </message>
    <message>
        <source>year of a Unix time, UTC</source>
        <translation>Jahr einer Unix-Zeit, UTC</translation>
    </message>
    <message>
        <source>aggregation: sum over the series</source>
        <translation>Aggregation: Summe über die Serien</translation>
    </message>
    <message>
        <source>aggregation: average over the series</source>
        <translation>Aggregation: Mittelwert über die Serien</translation>
    </message>
    <message>
        <source>aggregation: smallest value</source>
        <translation>Aggregation: kleinster Wert</translation>
    </message>
    <message>
        <source>aggregation: largest value</source>
        <translation>Aggregation: größter Wert</translation>
    </message>
    <message>
        <source>aggregation: number of series</source>
        <translation>Aggregation: Anzahl der Serien</translation>
    </message>
    <message>
        <source>aggregation: 1 for each group</source>
        <translation>Aggregation: 1 für jede Gruppe</translation>
    </message>
    <message>
        <source>aggregation: population standard deviation</source>
        <translation>Aggregation: Standardabweichung (Grundgesamtheit)</translation>
    </message>
    <message>
        <source>aggregation: population variance</source>
        <translation>Aggregation: Varianz (Grundgesamtheit)</translation>
    </message>
    <message>
        <source>aggregation: the k largest series</source>
        <translation>Aggregation: die k größten Serien</translation>
    </message>
    <message>
        <source>aggregation: the k smallest series</source>
        <translation>Aggregation: die k kleinsten Serien</translation>
    </message>
    <message>
        <source>aggregation: φ-quantile over the series</source>
        <translation>Aggregation: φ-Quantil über die Serien</translation>
    </message>
    <message>
        <source>aggregation: number of series per distinct value</source>
        <translation>Aggregation: Anzahl der Serien je unterschiedlichem Wert</translation>
    </message>
</context>
</TS>