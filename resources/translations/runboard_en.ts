<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n process(es), %1 running</source>
        <translation>
            <numerusform>%n process, %1 running</numerusform>
            <numerusform>%n processes, %1 running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n process(es) to %1</source>
        <translation>
            <numerusform>Saved %n process to %1</numerusform>
            <numerusform>Saved %n processes to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es), %1 running, %2 queued</source>
        <translation>
            <numerusform>%n process, %1 running, %2 queued</numerusform>
            <numerusform>%n processes, %1 running, %2 queued</numerusform>
        </translation>
    </message>
</context>
</TS>
