<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ppl::MainWindow</name>
    <message>
        <source>Pull/Push Lab</source>
        <translation>Pull/Push-Labor</translation>
    </message>
    <message>
        <source>No series yet: start a target or run a job</source>
        <translation>Noch keine Zeitreihen: Starten Sie ein Ziel oder einen Job</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
</context>
</TS>
