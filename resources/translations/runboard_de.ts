<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BodyDecoder</name>
    <message>
        <source>body encoded as &quot;%1&quot;: not checked</source>
        <translation>Inhalt als „%1“ kodiert: nicht geprüft</translation>
    </message>
    <message>
        <source>%1 body cannot be checked: zlib did not start</source>
        <translation>%1-Inhalt kann nicht geprüft werden: zlib ist nicht gestartet</translation>
    </message>
    <message>
        <source>%1 body has %2 bytes after the end of its stream</source>
        <translation>%1-Inhalt hat %2 Bytes nach dem Ende seines Datenstroms</translation>
    </message>
    <message>
        <source>zlib error %1</source>
        <translation>zlib-Fehler %1</translation>
    </message>
    <message>
        <source>%1 body corrupt: %2</source>
        <translation>%1-Inhalt beschädigt: %2</translation>
    </message>
    <message>
        <source>%1 body cut off before its end</source>
        <translation>%1-Inhalt vor seinem Ende abgeschnitten</translation>
    </message>
</context>
<context>
    <name>BufferingDemo</name>
    <message>
        <source>block-buffered (a pipe, no flush)</source>
        <translation>blockgepuffert (eine Pipe, kein Flush)</translation>
    </message>
    <message>
        <source>line-buffered</source>
        <translation>zeilengepuffert</translation>
    </message>
    <message>
        <source>Two Python children print a line every %1 ms; the second runs with PYTHONUNBUFFERED=1.</source>
        <translation>Zwei Python-Kindprozesse geben alle %1 ms eine Zeile aus; der zweite läuft mit PYTHONUNBUFFERED=1.</translation>
    </message>
    <message>
        <source>The second child runs under stdbuf -oL -eL.</source>
        <translation>Der zweite Kindprozess läuft unter stdbuf -oL -eL.</translation>
    </message>
    <message>
        <source>The second child asks for line buffering itself (setvbuf).</source>
        <translation>Der zweite Kindprozess fordert die Zeilenpufferung selbst an (setvbuf).</translation>
    </message>
    <message>
        <source>%1: first line after %2 ms, %3 ms before the child ended (after %4 ms), %5 lines</source>
        <translation>%1: erste Zeile nach %2 ms, %3 ms vor dem Ende des Kindprozesses (nach %4 ms), %5 Zeilen</translation>
    </message>
    <message>
        <source>%1 did not end well: %2</source>
        <translation>%1 endete nicht ordnungsgemäß: %2</translation>
    </message>
    <message>
        <source>%1: expected %2 lines</source>
        <translation>%1: %2 Zeilen erwartet</translation>
    </message>
    <message>
        <source>expected the block-buffered child&apos;s first line in the burst at its end, it came %1 ms before the end</source>
        <translation>die erste Zeile des blockgepufferten Kindprozesses wurde im Schub an seinem Ende erwartet, sie kam %1 ms vor dem Ende</translation>
    </message>
    <message>
        <source>expected the line-buffered child&apos;s first line to arrive live, it came only %1 ms before the end</source>
        <translation>die erste Zeile des zeilengepufferten Kindprozesses sollte live ankommen, sie kam erst %1 ms vor dem Ende</translation>
    </message>
    <message>
        <source>block-buffered: first line %1 ms before the end (one burst); line-buffered: %2 ms before the end (live)</source>
        <translation>blockgepuffert: erste Zeile %1 ms vor dem Ende (ein Schub); zeilengepuffert: %2 ms vor dem Ende (live)</translation>
    </message>
</context>
<context>
    <name>ChildProcess</name>
    <message>
        <source>cannot open /dev/null: %1</source>
        <translation>/dev/null lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>cannot create a pipe for stdin: %1</source>
        <translation>keine Pipe für stdin möglich: %1</translation>
    </message>
    <message>
        <source>cannot create a pipe to the next stage: %1</source>
        <translation>keine Pipe zur nächsten Stufe möglich: %1</translation>
    </message>
    <message>
        <source>this system cannot launch with a pidfd (Linux 5.2 or later is needed)</source>
        <translation>dieses System kann nicht mit einem pidfd starten (Linux 5.2 oder neuer nötig)</translation>
    </message>
    <message>
        <source>cannot create a process: %1</source>
        <translation>kein Prozess möglich: %1</translation>
    </message>
    <message>
        <source>this system cannot watch a process through a pidfd (Linux 5.3 or later is needed)</source>
        <translation>dieses System kann einen Prozess nicht über einen pidfd beobachten (Linux 5.3 oder neuer nötig)</translation>
    </message>
    <message>
        <source>cannot pass the stdin file on: %1</source>
        <translation>die stdin-Datei kann nicht weitergegeben werden: %1</translation>
    </message>
    <message>
        <source>cannot pass the output pipes on: %1</source>
        <translation>die Ausgabe-Pipes können nicht weitergegeben werden: %1</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>&apos;|&apos; is not allowed here</source>
        <translation>„|“ ist hier nicht erlaubt</translation>
    </message>
    <message>
        <source>a backslash at the end of the line escapes nothing</source>
        <translation>ein Backslash am Zeilenende maskiert nichts</translation>
    </message>
    <message>
        <source>unbalanced single quote (opened at column %1)</source>
        <translation>einfaches Anführungszeichen nicht geschlossen (geöffnet in Spalte %1)</translation>
    </message>
    <message>
        <source>unbalanced double quote (opened at column %1)</source>
        <translation>doppeltes Anführungszeichen nicht geschlossen (geöffnet in Spalte %1)</translation>
    </message>
    <message>
        <source>empty pipeline stage (a &apos;|&apos; at the start or two in a row)</source>
        <translation>leere Pipeline-Stufe (ein „|“ am Anfang oder zwei hintereinander)</translation>
    </message>
    <message>
        <source>empty pipeline stage (a &apos;|&apos; at the end)</source>
        <translation>leere Pipeline-Stufe (ein „|“ am Ende)</translation>
    </message>
</context>
<context>
    <name>CpuDemo</name>
    <message>
        <source>runboard-demo-helper is not installed beside Runboard (%1): it does the CPU work of this demo; reinstall Runboard</source>
        <translation>runboard-demo-helper ist nicht neben Runboard installiert (%1): es erledigt die CPU-Arbeit dieser Demo; installieren Sie Runboard neu</translation>
    </message>
    <message>
        <source>This machine has %1 cores. The same work (%2 units) runs as 1, 2 and %3 processes.</source>
        <translation>Dieser Rechner hat %1 Kerne. Dieselbe Arbeit (%2 Einheiten) läuft als 1, 2 und %3 Prozesse.</translation>
    </message>
    <message>
        <source>cpu ×%1</source>
        <translation>CPU ×%1</translation>
    </message>
    <message>
        <source>%1 process(es): wall %2 ms, CPU %3 ms, CPU use %4%</source>
        <translation>%1 Prozess(e): Gesamtdauer %2 ms, CPU %3 ms, CPU-Auslastung %4%</translation>
    </message>
    <message>
        <source>python3 is not on the PATH: the Python part is skipped. In Python, threads run Python code one at a time (the GIL), so CPU work on threads is no faster; processes each have their own interpreter, as the helper processes above show.</source>
        <translation>python3 ist nicht im PATH: der Python-Teil wird übersprungen. In Python führen Threads Python-Code nur nacheinander aus (der GIL), daher ist CPU-Arbeit auf Threads nicht schneller; Prozesse haben jeweils einen eigenen Interpreter, wie die Hilfsprozesse oben zeigen.</translation>
    </message>
    <message>
        <source>cannot write the Python program to %1: %2</source>
        <translation>das Python-Programm kann nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>python: threads vs processes</source>
        <translation>python: Threads vs. Prozesse</translation>
    </message>
    <message>
        <source>Running our Python program: the same work serially, on 2 threads, on 2 processes ...</source>
        <translation>Unser Python-Programm läuft: dieselbe Arbeit seriell, auf 2 Threads, auf 2 Prozessen ...</translation>
    </message>
    <message>
        <source>the Python program failed: %1</source>
        <translation>das Python-Programm ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Python, the same work: serial %1 s, on 2 threads %2 s, on 2 processes %3 s</source>
        <translation>Python, dieselbe Arbeit: seriell %1 s, auf 2 Threads %2 s, auf 2 Prozessen %3 s</translation>
    </message>
    <message>
        <source>Threads were no faster than serial: the GIL runs one thread at a time.</source>
        <translation>Threads waren nicht schneller als seriell: der GIL lässt immer nur einen Thread laufen.</translation>
    </message>
    <message>
        <source>Threads were faster than serial here, which the GIL normally prevents (a free-threaded Python?).</source>
        <translation>Threads waren hier schneller als seriell, was der GIL normalerweise verhindert (ein Python ohne GIL?).</translation>
    </message>
    <message>
        <source>Processes were faster: each has its own interpreter and core.</source>
        <translation>Prozesse waren schneller: jeder hat seinen eigenen Interpreter und Kern.</translation>
    </message>
    <message>
        <source>Processes were not faster this time (a busy machine, or one core).</source>
        <translation>Prozesse waren diesmal nicht schneller (ein ausgelasteter Rechner oder nur ein Kern).</translation>
    </message>
    <message>
        <source>the %1-process run did not finish its work</source>
        <translation>der Lauf mit %1 Prozess(en) hat seine Arbeit nicht abgeschlossen</translation>
    </message>
    <message>
        <source>the runs did not all take place</source>
        <translation>nicht alle Läufe haben stattgefunden</translation>
    </message>
    <message>
        <source>2 processes used %1% CPU against %2% for 1; wall time %3 ms against %4 ms</source>
        <translation>2 Prozesse nutzten %1% CPU gegenüber %2% bei 1; Gesamtdauer %3 ms gegenüber %4 ms</translation>
    </message>
    <message>
        <source>2 processes ran side by side but used %1% CPU against %2% for 1: the other cores were busy with other programs, so they took turns (run it again on a quieter machine to see the gain)</source>
        <translation>2 Prozesse liefen nebeneinander, nutzten aber %1% CPU gegenüber %2% bei 1: die anderen Kerne waren mit anderen Programmen beschäftigt, also wechselten sie sich ab (führen Sie die Demo auf einem weniger ausgelasteten Rechner erneut aus, um den Gewinn zu sehen)</translation>
    </message>
    <message>
        <source>one core: the processes take turns, so the wall time stays the same (%1 ms against %2 ms)</source>
        <translation>ein Kern: die Prozesse wechseln sich ab, daher bleibt die Gesamtdauer gleich (%1 ms gegenüber %2 ms)</translation>
    </message>
    <message>
        <source>expected the %1 processes to run side by side, but on average only %2 of them were running at once over %3 ms</source>
        <translation>die %1 Prozesse sollten nebeneinander laufen, aber im Mittel liefen nur %2 von ihnen gleichzeitig, über %3 ms</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>cancelled before the outcome could be checked</source>
        <translation>abgebrochen, bevor das Ergebnis geprüft werden konnte</translation>
    </message>
    <message>
        <source>%1 is not on the PATH and runboard-demo-helper is not installed beside Runboard (%2): reinstall Runboard or install %1</source>
        <translation>%1 ist nicht im PATH und runboard-demo-helper ist nicht neben Runboard installiert (%2): installieren Sie Runboard neu oder installieren Sie %1</translation>
    </message>
    <message>
        <source>Using Runboard&apos;s own helper program instead of %1 (as asked).</source>
        <translation>Statt %1 wird das eigene Hilfsprogramm von Runboard verwendet (wie gewünscht).</translation>
    </message>
    <message>
        <source>%1 is not on the PATH: using Runboard&apos;s own helper program instead (same work, same output sizes).</source>
        <translation>%1 ist nicht im PATH: stattdessen wird das eigene Hilfsprogramm von Runboard verwendet (gleiche Arbeit, gleiche Ausgabegrößen).</translation>
    </message>
</context>
<context>
    <name>DemoGallery</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Python snippet</source>
        <translation>Python-Codeausschnitt</translation>
    </message>
    <message>
        <source>Qt/C++ snippet</source>
        <translation>Qt/C++-Codeausschnitt</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Use Runboard&apos;s own &amp;helper program</source>
        <translation>Eigenes &amp;Hilfsprogramm von Runboard verwenden</translation>
    </message>
    <message>
        <source>Try the lesson&apos;s nine &amp;sites (needs the internet)</source>
        <translation>Die neun &amp;Websites der Lektion versuchen (braucht das Internet)</translation>
    </message>
    <message>
        <source>Demos — Effective Python, in Runboard</source>
        <translation>Lehr-Demos — Effective Python, in Runboard</translation>
    </message>
    <message>
        <source>Demos</source>
        <translation>Liste der Demos</translation>
    </message>
    <message>
        <source>Run the demos with runboard-demo-helper even where openssl, sleep or python3 exist (as on Windows)</source>
        <translation>Die Demos auch dann mit runboard-demo-helper ausführen, wenn openssl, sleep oder python3 vorhanden sind (wie unter Windows)</translation>
    </message>
    <message>
        <source>What the demo did</source>
        <translation>Was die Demo getan hat</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt/C++</source>
        <translation>Qt/C++</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Not run yet: press Run.</source>
        <translation>Noch nicht ausgeführt: auf Ausführen drücken.</translation>
    </message>
    <message>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>The demo&apos;s program in short, read-only; Copy puts it on the clipboard</source>
        <translation>Das Programm der Demo in Kürze, schreibgeschützt; Kopieren legt es in die Zwischenablage</translation>
    </message>
    <message>
        <source>Copy the %1 snippet</source>
        <translation>Das %1-Beispiel kopieren</translation>
    </message>
    <message>
        <source>The lessons&apos; demos; choose one to see what to watch</source>
        <translation>Die Demos der Lektionen; eine wählen, um zu sehen, worauf zu achten ist</translation>
    </message>
    <message>
        <source>Run the chosen demo; its children join the board</source>
        <translation>Die gewählte Demo ausführen; ihre Kindprozesse kommen auf die Tafel</translation>
    </message>
    <message>
        <source>Stop the demo and every child it started</source>
        <translation>Die Demo und jeden von ihr gestarteten Kindprozess stoppen</translation>
    </message>
    <message>
        <source>Each step of the demo and its outcome, as text</source>
        <translation>Jeder Schritt der Demo und ihr Ergebnis, als Text</translation>
    </message>
</context>
<context>
    <name>DemoServer</name>
    <message>
        <source>cannot listen on 127.0.0.1:%1: %2</source>
        <translation>kann nicht auf 127.0.0.1:%1 lauschen: %2</translation>
    </message>
</context>
<context>
    <name>DemoTexts</name>
    <message>
        <source>Parallel children</source>
        <translation>Parallele Kindprozesse</translation>
    </message>
    <message>
        <source>Five openssl children start at once, each fed 100 random bytes on stdin, the password passed in the environment (shown masked). Watch the five bars overlap on the timeline: the children run side by side. Each ends with a 120-byte ciphertext.</source>
        <translation>Fünf openssl-Kindprozesse starten gleichzeitig, jeder erhält 100 Zufallsbytes auf stdin, das Passwort steht in der Umgebung (maskiert angezeigt). Achten Sie darauf, wie sich die fünf Balken in der Zeitleiste überlappen: die Kindprozesse laufen nebeneinander. Jeder endet mit einem 120-Byte-Geheimtext.</translation>
    </message>
    <message>
        <source>A pipe between children</source>
        <translation>Eine Pipe zwischen Kindprozessen</translation>
    </message>
    <message>
        <source>Five pipelines: openssl enc writes into openssl dgst through a pipe. Runboard relays that pipe here to count what goes through it (120 bytes of ciphertext each; the Stdout column of stage 1), where Python&apos;s pipe goes straight from child to child. Watch both stages of each pipeline on the timeline: the digest stage waits for the end of its input. Each pipeline ends with a 16-byte MD5 digest.</source>
        <translation>Fünf Pipelines: openssl enc schreibt über eine Pipe in openssl dgst. Runboard leitet diese Pipe hier selbst weiter, um zu zählen, was hindurchgeht (je 120 Bytes Geheimtext; die Spalte Stdout von Stufe 1), während Pythons Pipe direkt von Kindprozess zu Kindprozess geht. Achten Sie in der Zeitleiste auf beide Stufen jeder Pipeline: die Prüfsummenstufe wartet auf das Ende ihrer Eingabe. Jede Pipeline endet mit einer 16-Byte-MD5-Prüfsumme.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>sleep 10 gets a timeout of 0.1 s. Watch the signal mark on its bar: SIGTERM arrives after about 0.1 s and the child ends at once. Python reports it as exit status -15; a shell (and Runboard) as timed out, status 124.</source>
        <translation>sleep 10 erhält ein Zeitlimit von 0,1 s. Achten Sie auf die Signalmarke auf seinem Balken: SIGTERM kommt nach etwa 0,1 s und der Kindprozess endet sofort. Python meldet das als Exit-Status -15, eine Shell (und Runboard) als Zeitlimit überschritten, Status 124.</translation>
    </message>
    <message>
        <source>Threads for blocking I/O</source>
        <translation>Threads für blockierende Ein-/Ausgabe</translation>
    </message>
    <message>
        <source>Nine URLs are fetched one after another, then on nine threads at once. Watch the two timelines: one worker with nine bars in a row, then nine workers with one bar each, side by side. Waiting for the network needs no CPU, so threads overlap the waits and the whole takes about as long as the slowest request.</source>
        <translation>Neun URLs werden erst nacheinander, dann auf neun Threads gleichzeitig abgerufen. Achten Sie auf die beiden Zeitleisten: ein Arbeiter mit neun Balken hintereinander, dann neun Arbeiter mit je einem Balken nebeneinander. Das Warten auf das Netzwerk braucht keine CPU, also überlappen Threads die Wartezeiten und das Ganze dauert etwa so lange wie die langsamste Anfrage.</translation>
    </message>
    <message>
        <source>Processes, not threads, for CPU work</source>
        <translation>Prozesse statt Threads für CPU-Arbeit</translation>
    </message>
    <message>
        <source>The same CPU-bound work is split over 1, 2 and more child processes. Watch the CPU use: each process gets a core of its own, so the wall time falls until the cores run out. In Python, threads cannot do that: the GIL lets one thread run Python code at a time, so the same work on threads takes as long as without them.</source>
        <translation>Dieselbe CPU-lastige Arbeit wird auf 1, 2 und mehr Kindprozesse verteilt. Achten Sie auf die CPU-Auslastung: jeder Prozess erhält einen eigenen Kern, also sinkt die Gesamtdauer, bis die Kerne ausgehen. In Python können Threads das nicht: der GIL lässt immer nur einen Thread Python-Code ausführen, daher dauert dieselbe Arbeit auf Threads so lange wie ohne sie.</translation>
    </message>
    <message>
        <source>Why is my output late?</source>
        <translation>Warum kommt meine Ausgabe so spät?</translation>
    </message>
    <message>
        <source>Two children print a line every 100 ms. The first writes to a pipe without flushing: its lines wait in a 4-8 KiB buffer and all arrive at once when it ends. The second runs with line buffering (PYTHONUNBUFFERED=1, python3 -u or stdbuf -oL) and every line arrives as it is printed. The timeline marks each line&apos;s arrival.</source>
        <translation>Zwei Kindprozesse geben alle 100 ms eine Zeile aus. Der erste schreibt ohne Flush in eine Pipe: seine Zeilen warten in einem 4–8-KiB-Puffer und kommen alle auf einmal an, wenn er endet. Der zweite läuft mit Zeilenpufferung (PYTHONUNBUFFERED=1, python3 -u oder stdbuf -oL) und jede Zeile kommt an, sobald sie ausgegeben wird. Die Zeitleiste markiert die Ankunft jeder Zeile.</translation>
    </message>
</context>
<context>
    <name>FetchEngine</name>
    <message>
        <source>a batch is already running</source>
        <translation>es läuft bereits ein Abrufstapel</translation>
    </message>
</context>
<context>
    <name>FetchOptions</name>
    <message>
        <source>concurrency %1 is out of range (1 to %2)</source>
        <translation>Nebenläufigkeit %1 liegt außerhalb des Bereichs (1 bis %2)</translation>
    </message>
    <message>
        <source>timeout %1 ms is out of range (1 ms to 1 hour)</source>
        <translation>Zeitlimit %1 ms liegt außerhalb des Bereichs (1 ms bis 1 Stunde)</translation>
    </message>
    <message>
        <source>redirect cap %1 is out of range (0 to 100)</source>
        <translation>Weiterleitungsgrenze %1 liegt außerhalb des Bereichs (0 bis 100)</translation>
    </message>
    <message>
        <source>size cap %1 is negative</source>
        <translation>Höchstgröße %1 ist negativ</translation>
    </message>
    <message>
        <source>concurrency %1 needs about %2 open files; the limit here is %3 (ulimit -n): choose a concurrency of at most %4</source>
        <translation>Nebenläufigkeit %1 braucht etwa %2 offene Dateien; die Grenze hier ist %3 (ulimit -n): wählen Sie eine Nebenläufigkeit von höchstens %4</translation>
    </message>
</context>
<context>
    <name>FetchResult</name>
    <message>
        <source>Content-Length &quot;%1&quot; is not a byte count</source>
        <translation>Content-Length „%1“ ist keine Byteanzahl</translation>
    </message>
    <message>
        <source>conflicting Content-Length headers (%1 and %2)</source>
        <translation>widersprüchliche Content-Length-Header (%1 und %2)</translation>
    </message>
    <message>
        <source>redirected to an unusable URL: %1</source>
        <translation>auf eine unbrauchbare URL weitergeleitet: %1</translation>
    </message>
    <message>
        <source>no complete answer within %1 ms</source>
        <translation>keine vollständige Antwort innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>body larger than %1 bytes: transfer aborted</source>
        <translation>Inhalt größer als %1 Bytes: Übertragung abgebrochen</translation>
    </message>
    <message>
        <source>HTTP %1 redirect without a Location header</source>
        <translation>HTTP-%1-Weiterleitung ohne Location-Header</translation>
    </message>
    <message>
        <source>body ended after %1 of %2 bytes</source>
        <translation>Inhalt endete nach %1 von %2 Bytes</translation>
    </message>
    <message>
        <source>TLS error accepted: %1</source>
        <translation>TLS-Fehler akzeptiert: %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>invalid URL</source>
        <translation>ungültige URL</translation>
    </message>
    <message>
        <source>DNS lookup failed</source>
        <translation>DNS-Auflösung fehlgeschlagen</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS-Fehler</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>zu viele Weiterleitungen</translation>
    </message>
    <message>
        <source>redirect from HTTPS to HTTP refused</source>
        <translation>Weiterleitung von HTTPS auf HTTP abgelehnt</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>HTTP error</source>
        <translation>HTTP-Fehler</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>more than 1 redirect</source>
        <translation>mehr als 1 Weiterleitung</translation>
    </message>
    <message>
        <source>more than %1 redirects</source>
        <translation>mehr als %1 Weiterleitungen</translation>
    </message>
    <message>
        <source>redirect from HTTPS to HTTP refused (%1)</source>
        <translation>Weiterleitung von HTTPS auf HTTP abgelehnt (%1)</translation>
    </message>
    <message>
        <source>connection closed by the server before any answer</source>
        <translation>Verbindung vom Server vor jeder Antwort geschlossen</translation>
    </message>
    <message>
        <source>connection closed by the server inside the response head</source>
        <translation>Verbindung vom Server mitten im Antwortkopf geschlossen</translation>
    </message>
    <message>
        <source>host &quot;%1&quot; not found</source>
        <translation>Rechner „%1“ nicht gefunden</translation>
    </message>
    <message>
        <source>connection refused by %1</source>
        <translation>Verbindung von %1 abgelehnt</translation>
    </message>
    <message>
        <source>response head larger than %1 KiB</source>
        <translation>Antwortkopf größer als %1 KiB</translation>
    </message>
    <message>
        <source>not an HTTP response: &quot;%1&quot;</source>
        <translation>keine HTTP-Antwort: „%1“</translation>
    </message>
    <message>
        <source>the server switched protocols (HTTP 101), which was not asked for</source>
        <translation>der Server hat ungefragt das Protokoll gewechselt (HTTP 101)</translation>
    </message>
    <message>
        <source>chunked body: a line longer than %1 bytes</source>
        <translation>Chunked-Inhalt: eine Zeile länger als %1 Bytes</translation>
    </message>
    <message>
        <source>chunked body: &quot;%1&quot; is not a chunk size</source>
        <translation>Chunked-Inhalt: „%1“ ist keine Chunk-Größe</translation>
    </message>
    <message>
        <source>chunked body: a chunk longer than its size</source>
        <translation>Chunked-Inhalt: ein Chunk länger als seine Größe</translation>
    </message>
    <message>
        <source>connection closed inside the chunked body</source>
        <translation>Verbindung mitten im Chunked-Inhalt geschlossen</translation>
    </message>
    <message>
        <source>Operation canceled</source>
        <translation>Vorgang abgebrochen</translation>
    </message>
    <message>
        <source>chunked body: trailer larger than %1 KiB</source>
        <translation>Chunked-Inhalt: Trailer größer als %1 KiB</translation>
    </message>
</context>
<context>
    <name>FetchResultsModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>First byte</source>
        <translation>Erstes Byte</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Arbeitsthread</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>(with warnings)</source>
        <translation>(mit Warnungen)</translation>
    </message>
</context>
<context>
    <name>FetchTimeline</name>
    <message>
        <source>%1 fetches</source>
        <translation>%1 Abrufe</translation>
    </message>
    <message>
        <source>%1 — wall %2 ms</source>
        <translation>%1 — Gesamtdauer %2 ms</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>Thread %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Timeline of the fetches, one row per slot (request in flight)</source>
        <translation>Zeitleiste der Abrufe, eine Zeile pro Platz (laufende Anfrage)</translation>
    </message>
    <message>
        <source>Each fetch appears here as a bar on its slot&apos;s row.</source>
        <translation>Jeder Abruf erscheint hier als Balken in der Zeile seines Platzes.</translation>
    </message>
</context>
<context>
    <name>HelpDialogs</name>
    <message>
        <source>The quick tour is missing from this build.</source>
        <translation>Die Kurzeinführung fehlt in diesem Build.</translation>
    </message>
    <message>
        <source>Quick Tour</source>
        <translation>Kurzeinführung</translation>
    </message>
    <message>
        <source>Quick tour of the window</source>
        <translation>Kurzeinführung in das Fenster</translation>
    </message>
    <message>
        <source>About Runboard</source>
        <translation>Über Runboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Runboard %1&lt;/h3&gt;&lt;p&gt;Launch, watch and control child processes, and fetch many URLs at once, without ever freezing the window.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Runboard %1&lt;/h3&gt;&lt;p&gt;Kindprozesse starten, beobachten und steuern und viele URLs gleichzeitig abrufen, ohne dass das Fenster je einfriert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1, running on Qt %2.&lt;/p&gt;&lt;p&gt;Runboard is free software under the MIT licence. Qt is used under the GNU Lesser General Public License version 3 (see qt.io/licensing); zlib under the zlib licence.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Gebaut mit Qt %1, läuft mit Qt %2.&lt;/p&gt;&lt;p&gt;Runboard ist freie Software unter der MIT-Lizenz. Qt wird unter der GNU Lesser General Public License Version 3 verwendet (siehe qt.io/licensing), zlib unter der zlib-Lizenz.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>LaunchDialog</name>
    <message>
        <source>New Process</source>
        <translation>Neuer Prozess</translation>
    </message>
    <message>
        <source>Recent commands</source>
        <translation>Zuletzt verwendete Befehle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>The argv that will run</source>
        <translation>Das argv, das ausgeführt wird</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Environment changes</source>
        <translation>Änderungen der Umgebung</translation>
    </message>
    <message>
        <source>Standard input</source>
        <translation>Standardeingabe</translation>
    </message>
    <message>
        <source>Standard input text, file or byte count</source>
        <translation>Text, Datei oder Byteanzahl für die Standardeingabe</translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation>Zeitlimit in Sekunden</translation>
    </message>
    <message>
        <source>Grace period in seconds</source>
        <translation>Gnadenfrist in Sekunden</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Kopien</translation>
    </message>
    <message>
        <source>Problems in the form</source>
        <translation>Probleme im Formular</translation>
    </message>
    <message>
        <source>Recent commands…</source>
        <translation>Zuletzt verwendete Befehle…</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>e.g. python3 or /usr/bin/openssl</source>
        <translation>z. B. python3 oder /usr/bin/openssl</translation>
    </message>
    <message>
        <source>e.g. -m http.server 8000   (&apos;|&apos; starts a pipeline stage)</source>
        <translation>z. B. -m http.server 8000   („|“ beginnt eine Pipeline-Stufe)</translation>
    </message>
    <message>
        <source>this folder: %1</source>
        <translation>dieser Ordner: %1</translation>
    </message>
    <message>
        <source>Inherit Runboard&apos;s environment</source>
        <translation>Umgebung von Runboard übernehmen</translation>
    </message>
    <message>
        <source>Start from an empty environment</source>
        <translation>Mit leerer Umgebung beginnen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>One variable a row. Write -NAME as the name to remove a variable. Values of names with PASS, TOKEN, SECRET or KEY in them are masked.</source>
        <translation>Eine Variable je Zeile. Schreiben Sie -NAME als Namen, um eine Variable zu entfernen. Werte von Namen, die PASS, TOKEN, SECRET oder KEY enthalten, werden verdeckt.</translation>
    </message>
    <message>
        <source>Interactive (type into it)</source>
        <translation>Interaktiv (Eingabe im Fenster)</translation>
    </message>
    <message>
        <source>None (/dev/null)</source>
        <translation>Keine (/dev/null)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Random bytes</source>
        <translation>Zufallsbytes</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a program file</source>
        <translation>Programmdatei auswählen</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>&amp;Argumente:</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>Arbeits&amp;verzeichnis:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>&amp;Stdin:</source>
        <translation>Standard&amp;eingabe:</translation>
    </message>
    <message>
        <source>&amp;Timeout (s):</source>
        <translation>&amp;Zeitlimit (s):</translation>
    </message>
    <message>
        <source>&amp;Grace period (s):</source>
        <translation>&amp;Gnadenfrist (s):</translation>
    </message>
    <message>
        <source>&amp;Copies:</source>
        <translation>&amp;Kopien:</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>text to send, then end of file</source>
        <translation>zu sendender Text, danach Dateiende</translation>
    </message>
    <message>
        <source>path of a file to send</source>
        <translation>Pfad einer zu sendenden Datei</translation>
    </message>
    <message>
        <source>how many random bytes</source>
        <translation>wie viele Zufallsbytes</translation>
    </message>
    <message>
        <source>Choose Program</source>
        <translation>Programm auswählen</translation>
    </message>
    <message>
        <source>Choose Working Directory</source>
        <translation>Arbeitsverzeichnis auswählen</translation>
    </message>
    <message>
        <source>Arguments: %1</source>
        <translation>Argumente: %1</translation>
    </message>
    <message>
        <source>stage %1: </source>
        <translation>Stufe %1: </translation>
    </message>
    <message>
        <source>Working directory: %1</source>
        <translation>Arbeitsverzeichnis: %1</translation>
    </message>
    <message>
        <source>Environment row %1: %2</source>
        <translation>Umgebung, Zeile %1: %2</translation>
    </message>
    <message>
        <source>Environment row %1: %2 is a secret, and secrets are not remembered: type its value again</source>
        <translation>Umgebung, Zeile %1: %2 ist geheim, und Geheimnisse werden nicht gespeichert: geben Sie den Wert erneut ein</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; has &apos;=&apos; in it; put the value in its own column</source>
        <translation>der Name „%1“ enthält „=“; tragen Sie den Wert in seine eigene Spalte ein</translation>
    </message>
    <message>
        <source>Stdin file &quot;%1&quot; does not exist or is not a file</source>
        <translation>Eingabedatei „%1“ existiert nicht oder ist keine Datei</translation>
    </message>
    <message>
        <source>Random bytes: &quot;%1&quot; is not a whole number of bytes</source>
        <translation>Zufallsbytes: „%1“ ist keine ganze Zahl von Bytes</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number of seconds</source>
        <translation>%1: „%2“ ist keine Anzahl von Sekunden</translation>
    </message>
    <message>
        <source>%1: %2 is negative</source>
        <translation>%1: %2 ist negativ</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Grace period</source>
        <translation>Gnadenfrist</translation>
    </message>
    <message>
        <source>Stage %1: </source>
        <translation>Stufe %1: </translation>
    </message>
    <message>
        <source>Program: </source>
        <translation>Programm: </translation>
    </message>
    <message>
        <source>Secret values are not remembered: type it again</source>
        <translation>Geheime Werte werden nicht gespeichert: geben Sie den Wert erneut ein</translation>
    </message>
    <message>
        <source>Choose the working directory</source>
        <translation>Arbeitsverzeichnis wählen</translation>
    </message>
    <message>
        <source>Fill the form with a command launched before</source>
        <translation>Das Formular mit einem früher gestarteten Befehl füllen</translation>
    </message>
    <message>
        <source>Start from Runboard&apos;s environment or from an empty one</source>
        <translation>Mit Runboards Umgebung oder mit einer leeren beginnen</translation>
    </message>
    <message>
        <source>Variables to set, one a row; -NAME removes a variable</source>
        <translation>Zu setzende Variablen, eine pro Zeile; -NAME entfernt eine Variable</translation>
    </message>
    <message>
        <source>What the process reads: typed lines, nothing, a text, a file or random bytes</source>
        <translation>Was der Prozess liest: getippte Zeilen, nichts, einen Text, eine Datei oder Zufallsbytes</translation>
    </message>
    <message>
        <source>The text, the file or the number of random bytes fed to the process</source>
        <translation>Der Text, die Datei oder die Anzahl Zufallsbytes, die der Prozess erhält</translation>
    </message>
    <message>
        <source>Time between SIGTERM and SIGKILL when the process is stopped</source>
        <translation>Zeit zwischen SIGTERM und SIGKILL, wenn der Prozess gestoppt wird</translation>
    </message>
    <message>
        <source>How many identical processes to launch at once</source>
        <translation>Wie viele gleiche Prozesse auf einmal gestartet werden</translation>
    </message>
    <message>
        <source>Pick the program in a file dialog</source>
        <translation>Das Programm in einem Dateidialog auswählen</translation>
    </message>
    <message>
        <source>Pick the folder the process starts in</source>
        <translation>Den Ordner auswählen, in dem der Prozess startet</translation>
    </message>
    <message>
        <source>Add a row to the environment changes</source>
        <translation>Eine Zeile zu den Umgebungsänderungen hinzufügen</translation>
    </message>
    <message>
        <source>Close the form without launching (Escape)</source>
        <translation>Das Formular schließen, ohne zu starten (Escape)</translation>
    </message>
    <message>
        <source>Launch the process as described (Enter)</source>
        <translation>Den Prozess wie beschrieben starten (Eingabe)</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>Name: %1</translation>
    </message>
</context>
<context>
    <name>LaunchSpec</name>
    <message>
        <source>environment variable name is empty</source>
        <translation>Name der Umgebungsvariablen ist leer</translation>
    </message>
    <message>
        <source>environment variable name &quot;%1&quot; contains &apos;=&apos;</source>
        <translation>Name der Umgebungsvariablen „%1“ enthält „=“</translation>
    </message>
    <message>
        <source>environment variable name &quot;%1&quot; contains a NUL byte</source>
        <translation>Name der Umgebungsvariablen „%1“ enthält ein NUL-Byte</translation>
    </message>
    <message>
        <source>environment entry &quot;%1&quot; has no &apos;=&apos; (expected NAME=VALUE)</source>
        <translation>Umgebungseintrag „%1“ hat kein „=“ (erwartet: NAME=WERT)</translation>
    </message>
    <message>
        <source>value of environment variable &quot;%1&quot; contains a NUL byte</source>
        <translation>Wert der Umgebungsvariablen „%1“ enthält ein NUL-Byte</translation>
    </message>
    <message>
        <source>stage %1: </source>
        <translation>Stufe %1: </translation>
    </message>
    <message>
        <source>program name is empty</source>
        <translation>Programmname ist leer</translation>
    </message>
    <message>
        <source>program name contains a NUL byte</source>
        <translation>Programmname enthält ein NUL-Byte</translation>
    </message>
    <message>
        <source>argument &quot;%1&quot; contains a NUL byte</source>
        <translation>Argument „%1“ enthält ein NUL-Byte</translation>
    </message>
    <message>
        <source>timeout %1 ms is negative</source>
        <translation>Zeitlimit %1 ms ist negativ</translation>
    </message>
    <message>
        <source>timeout %1 ms is longer than the 7-day limit</source>
        <translation>Zeitlimit %1 ms überschreitet die Grenze von 7 Tagen</translation>
    </message>
    <message>
        <source>grace period %1 ms is negative</source>
        <translation>Gnadenfrist %1 ms ist negativ</translation>
    </message>
    <message>
        <source>grace period %1 ms is longer than one hour</source>
        <translation>Gnadenfrist %1 ms ist länger als eine Stunde</translation>
    </message>
    <message>
        <source>copies %1 is out of range (1 to %2)</source>
        <translation>Kopienzahl %1 liegt außerhalb des Bereichs (1 bis %2)</translation>
    </message>
    <message>
        <source>stdin file path is empty</source>
        <translation>Pfad der Eingabedatei ist leer</translation>
    </message>
    <message>
        <source>random stdin byte count %1 is negative</source>
        <translation>Anzahl der Zufallsbytes für stdin (%1) ist negativ</translation>
    </message>
    <message>
        <source>random stdin byte count %1 is larger than 1 TiB</source>
        <translation>Anzahl der Zufallsbytes für stdin (%1) ist größer als 1 TiB</translation>
    </message>
    <message>
        <source>working directory contains a NUL byte</source>
        <translation>Arbeitsverzeichnis enthält ein NUL-Byte</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>Befehl: %1</translation>
    </message>
    <message>
        <source>Shell: each stage runs through /bin/sh -c</source>
        <translation>Shell: jede Stufe läuft über /bin/sh -c</translation>
    </message>
    <message>
        <source>Working directory: %1</source>
        <translation>Arbeitsverzeichnis: %1</translation>
    </message>
    <message>
        <source>(Runboard&apos;s own)</source>
        <translation>(das von Runboard)</translation>
    </message>
    <message>
        <source>Environment: starts empty</source>
        <translation>Umgebung: beginnt leer</translation>
    </message>
    <message>
        <source>Environment: %1=%2</source>
        <translation>Umgebung: %1=%2</translation>
    </message>
    <message>
        <source>Environment: unset %1</source>
        <translation>Umgebung: %1 entfernen</translation>
    </message>
    <message>
        <source>Stdin: typed in the window</source>
        <translation>Stdin: Eingabe im Fenster</translation>
    </message>
    <message>
        <source>Stdin: none (/dev/null)</source>
        <translation>Stdin: keine (/dev/null)</translation>
    </message>
    <message>
        <source>Stdin: Runboard&apos;s own</source>
        <translation>Stdin: die von Runboard</translation>
    </message>
    <message>
        <source>Stdin: the text &quot;%1&quot;</source>
        <translation>Stdin: der Text „%1“</translation>
    </message>
    <message>
        <source>Stdin: the file %1</source>
        <translation>Stdin: die Datei %1</translation>
    </message>
    <message>
        <source>Stdin: %1 random bytes</source>
        <translation>Stdin: %1 Zufallsbytes</translation>
    </message>
    <message>
        <source>Timeout: %1 s</source>
        <translation>Zeitlimit: %1 s</translation>
    </message>
    <message>
        <source>Timeout: none</source>
        <translation>Zeitlimit: keins</translation>
    </message>
    <message>
        <source>Grace period before SIGKILL: %1 s</source>
        <translation>Gnadenfrist vor SIGKILL: %1 s</translation>
    </message>
    <message>
        <source>Copies: %1</source>
        <translation>Kopien: %1</translation>
    </message>
    <message>
        <source>name &quot;%1&quot; has a control character in it (U+%2, character %3)</source>
        <translation>Name „%1“ enthält ein Steuerzeichen (U+%2, Zeichen %3)</translation>
    </message>
    <message>
        <source>name is %1 characters long (at most %2)</source>
        <translation>Name ist %1 Zeichen lang (höchstens %2)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Runboard</source>
        <translation>Runboard</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Filter processes by name, command or state</source>
        <translation>Prozesse nach Name, Befehl oder Zustand filtern</translation>
    </message>
    <message>
        <source>&amp;Processes</source>
        <translation>Pro&amp;zesse</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>&amp;Netzwerk</translation>
    </message>
    <message>
        <source>&amp;New Process…</source>
        <translation>&amp;Neuer Prozess…</translation>
    </message>
    <message>
        <source>&amp;Open Session…</source>
        <translation>Sitzung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save Session As…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start &amp;All</source>
        <translation>&amp;Alle starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stop A&amp;ll</source>
        <translation>A&amp;lle stoppen</translation>
    </message>
    <message>
        <source>&amp;Kill</source>
        <translation>Sofort &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>R&amp;estart</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Show in Second &amp;Pane</source>
        <translation>Im zweiten Be&amp;reich zeigen</translation>
    </message>
    <message>
        <source>&amp;Find in Output…</source>
        <translation>In der Ausgabe &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <source>Show Process &amp;Tree…</source>
        <translation>Prozessba&amp;um zeigen…</translation>
    </message>
    <message>
        <source>Send Si&amp;gnal</source>
        <translation>Si&amp;gnal senden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Process</source>
        <translation>&amp;Prozess</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Process tree of %1</source>
        <translation>Prozessbaum von %1</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>No processes. New Process… or Open Session… to begin.</source>
        <translation>Keine Prozesse. Zum Beginnen: Neuer Prozess… oder Sitzung öffnen…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Opened %1: 1 process, not started</source>
        <translation>%1 geöffnet: 1 Prozess, nicht gestartet</translation>
    </message>
    <message>
        <source>Opened %1: %2 processes, not started</source>
        <translation>%1 geöffnet: %2 Prozesse, nicht gestartet</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>Runboard sessions (*.json);;All files (*)</source>
        <translation>Runboard-Sitzungen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Add this process to the board? Nothing starts until you press Start.</source>
        <translation>Diesen Prozess zur Übersicht hinzufügen? Nichts startet, bevor Sie auf Starten drücken.</translation>
    </message>
    <message>
        <source>Add these %1 processes to the board? Nothing starts until you press Start.</source>
        <translation>Diese %1 Prozesse zur Übersicht hinzufügen? Nichts startet, bevor Sie auf Starten drücken.</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <source>Runboard sessions (*.json)</source>
        <translation>Runboard-Sitzungen (*.json)</translation>
    </message>
    <message>
        <source>Stopping 1 running process…</source>
        <translation>Stoppe 1 laufenden Prozess…</translation>
    </message>
    <message>
        <source>Stopping %1 running processes…</source>
        <translation>Stoppe %1 laufende Prozesse…</translation>
    </message>
    <message>
        <source>Quit Runboard</source>
        <translation>Runboard beenden</translation>
    </message>
    <message>
        <source>1 process is still running. Stop it and quit?</source>
        <translation>1 Prozess läuft noch. Ihn stoppen und beenden?</translation>
    </message>
    <message>
        <source>%1 processes are still running. Stop them all and quit?</source>
        <translation>%1 Prozesse laufen noch. Alle stoppen und beenden?</translation>
    </message>
    <message>
        <source>Still stopping: %1. Processes that ignore SIGTERM get SIGKILL when their grace period ends. Kill them now and quit?</source>
        <translation>Wird noch gestoppt: %1. Prozesse, die SIGTERM ignorieren, erhalten SIGKILL, wenn ihre Gnadenfrist endet. Jetzt sofort beenden und Runboard schließen?</translation>
    </message>
    <message>
        <source>&amp;Kill Now</source>
        <translation>&amp;Sofort beenden</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>&amp;Warten</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es), %1 running</source>
        <translation>
            <numerusform>%n Prozess, %1 läuft</numerusform>
            <numerusform>%n Prozesse, %1 laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n process(es) to %1</source>
        <translation>
            <numerusform>%n Prozess in %1 gespeichert</numerusform>
            <numerusform>%n Prozesse in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n Prozess</numerusform>
            <numerusform>%n Prozesse</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-run &amp;Finished</source>
        <translation>Beendete erneut &amp;ausführen</translation>
    </message>
    <message>
        <source>Run again every process that has ended (Start All starts only those that have not run yet)</source>
        <translation>Jeden beendeten Prozess erneut ausführen (Alle starten startet nur, was noch nicht gelaufen ist)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Quick &amp;Tour</source>
        <translation>&amp;Kurzeinführung</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Runboard</source>
        <translation>Ü&amp;ber Runboard</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>Ab&amp;rufen</translation>
    </message>
    <message>
        <source>&amp;Cancel Fetch</source>
        <translation>Abruf abbre&amp;chen</translation>
    </message>
    <message>
        <source>board</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;Demos…</source>
        <translation>Lehr-&amp;Demos…</translation>
    </message>
    <message>
        <source>The Effective Python lessons as one-click demos</source>
        <translation>Die Lektionen aus Effective Python als Demos mit einem Klick</translation>
    </message>
    <message>
        <source>Every process with its state, times, CPU, memory and output sizes; pipeline stages under their pipeline</source>
        <translation>Jeder Prozess mit Zustand, Zeiten, CPU, Speicher und Ausgabegrößen; Pipeline-Stufen unter ihrer Pipeline</translation>
    </message>
    <message>
        <source>Filter processes</source>
        <translation>Prozesse filtern</translation>
    </message>
    <message>
        <source>Show only the processes whose name, command or state contains this text</source>
        <translation>Nur die Prozesse zeigen, deren Name, Befehl oder Zustand diesen Text enthält</translation>
    </message>
    <message>
        <source>Processes and network</source>
        <translation>Prozesse und Netzwerk</translation>
    </message>
    <message>
        <source>Switch between the process board and the URL fetcher</source>
        <translation>Zwischen der Prozesstafel und dem URL-Abruf wechseln</translation>
    </message>
    <message>
        <source>The process board: every child, its state and its output</source>
        <translation>Die Prozesstafel: jeder Kindprozess, sein Zustand und seine Ausgabe</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
    <message>
        <source>The toolbar actions that do not fit the window</source>
        <translation>Die Aktionen der Werkzeugleiste, die nicht ins Fenster passen</translation>
    </message>
    <message>
        <source>Describe a new process and launch it</source>
        <translation>Einen neuen Prozess beschreiben und starten</translation>
    </message>
    <message>
        <source>Open a session file: see what it will run, then add it to the board</source>
        <translation>Eine Sitzungsdatei öffnen: sehen, was sie ausführt, dann zur Tafel hinzufügen</translation>
    </message>
    <message>
        <source>Save every process of the board as a session file</source>
        <translation>Alle Prozesse der Tafel als Sitzungsdatei speichern</translation>
    </message>
    <message>
        <source>Start the selected processes</source>
        <translation>Die ausgewählten Prozesse starten</translation>
    </message>
    <message>
        <source>Start every process that has not run yet</source>
        <translation>Jeden Prozess starten, der noch nicht gelaufen ist</translation>
    </message>
    <message>
        <source>Stop the selected processes: SIGTERM, then SIGKILL after the grace period</source>
        <translation>Die ausgewählten Prozesse stoppen: SIGTERM, nach der Karenzzeit SIGKILL</translation>
    </message>
    <message>
        <source>Stop every running process</source>
        <translation>Jeden laufenden Prozess stoppen</translation>
    </message>
    <message>
        <source>Kill the selected processes and all their descendants now (SIGKILL)</source>
        <translation>Die ausgewählten Prozesse und alle ihre Nachkommen sofort beenden (SIGKILL)</translation>
    </message>
    <message>
        <source>Pause the selected processes (SIGSTOP), or resume them</source>
        <translation>Die ausgewählten Prozesse anhalten (SIGSTOP) oder fortsetzen</translation>
    </message>
    <message>
        <source>Stop the selected processes and start them again</source>
        <translation>Die ausgewählten Prozesse stoppen und neu starten</translation>
    </message>
    <message>
        <source>Add a copy of the selected processes, not started</source>
        <translation>Eine Kopie der ausgewählten Prozesse hinzufügen, nicht gestartet</translation>
    </message>
    <message>
        <source>Remove the selected processes from the board</source>
        <translation>Die ausgewählten Prozesse von der Tafel entfernen</translation>
    </message>
    <message>
        <source>Show the selected process&apos;s output beside the first one</source>
        <translation>Die Ausgabe des ausgewählten Prozesses neben der ersten zeigen</translation>
    </message>
    <message>
        <source>Search the output of the selected process</source>
        <translation>Die Ausgabe des ausgewählten Prozesses durchsuchen</translation>
    </message>
    <message>
        <source>Show the selected process with all its descendants</source>
        <translation>Den ausgewählten Prozess mit allen Nachkommen zeigen</translation>
    </message>
    <message>
        <source>Fetch every URL of the list</source>
        <translation>Jede URL der Liste abrufen</translation>
    </message>
    <message>
        <source>Cancel the fetches still running</source>
        <translation>Die noch laufenden Abrufe abbrechen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Fetch many URLs at once on worker threads</source>
        <translation>Viele URLs auf einmal in Arbeitsthreads abrufen</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es), %1 running, %2 queued</source>
        <translation>
            <numerusform>%n Prozess, %1 läuft, %2 in der Warteschlange</numerusform>
            <numerusform>%n Prozesse, %1 laufen, %2 in der Warteschlange</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <source>Accept certificate &amp;errors (shown as warnings)</source>
        <translation>Zertifikatsfehler a&amp;kzeptieren (als Warnungen gezeigt)</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>Ab&amp;rufen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Compare &amp;sequential vs concurrent</source>
        <translation>&amp;Sequenziell und nebenläufig vergleichen</translation>
    </message>
    <message>
        <source>&amp;Load…</source>
        <translation>&amp;Laden…</translation>
    </message>
    <message>
        <source>URLs to fetch, one per line</source>
        <translation>Abzurufende URLs, eine je Zeile</translation>
    </message>
    <message>
        <source>Problems in the URL list</source>
        <translation>Probleme in der URL-Liste</translation>
    </message>
    <message>
        <source>URL presets</source>
        <translation>URL-Vorlagen</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Nebenläufigkeit</translation>
    </message>
    <message>
        <source>Timeout per request</source>
        <translation>Zeitlimit je Anfrage</translation>
    </message>
    <message>
        <source>Redirect cap</source>
        <translation>Höchstzahl an Weiterleitungen</translation>
    </message>
    <message>
        <source>Size cap</source>
        <translation>Höchstgröße</translation>
    </message>
    <message>
        <source>Accept TLS certificate errors</source>
        <translation>TLS-Zertifikatsfehler akzeptieren</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Compare sequential vs concurrent</source>
        <translation>Sequenziell und nebenläufig vergleichen</translation>
    </message>
    <message>
        <source>Load URLs from a file</source>
        <translation>URLs aus einer Datei laden</translation>
    </message>
    <message>
        <source>Fetch progress</source>
        <translation>Abruffortschritt</translation>
    </message>
    <message>
        <source>Fetch results</source>
        <translation>Abrufergebnisse</translation>
    </message>
    <message>
        <source>Batch summary</source>
        <translation>Zusammenfassung des Stapels</translation>
    </message>
    <message>
        <source>One URL per line (http:// or https://); # starts a comment.</source>
        <translation>Eine URL je Zeile (http:// oder https://); # beginnt einen Kommentar.</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Vorlagen…</translation>
    </message>
    <message>
        <source>Nine big sites (https)</source>
        <translation>Neun große Websites (https)</translation>
    </message>
    <message>
        <source>Local demo: %1 delayed URLs</source>
        <translation>Lokale Demo: %1 verzögerte URLs</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Co&amp;ncurrency:</source>
        <translation>Nebenläu&amp;figkeit:</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>Zeitli&amp;mit:</translation>
    </message>
    <message>
        <source>&amp;Redirects:</source>
        <translation>&amp;Weiterleitungen:</translation>
    </message>
    <message>
        <source>Si&amp;ze cap:</source>
        <translation>Höchst&amp;größe:</translation>
    </message>
    <message>
        <source>Choose URLs, then Fetch.</source>
        <translation>URLs wählen, dann Abrufen.</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 lines are not fetchable URLs; fix or remove them:</source>
        <translation>%1 von %2 Zeilen sind keine abrufbaren URLs; korrigieren oder entfernen Sie sie:</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>%1 URLs ready.</source>
        <translation>%1 URLs bereit.</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>sequenziell</translation>
    </message>
    <message>
        <source>concurrency %1</source>
        <translation>Nebenläufigkeit %1</translation>
    </message>
    <message>
        <source>Comparing: first one at a time…</source>
        <translation>Vergleich: zuerst eine nach der anderen…</translation>
    </message>
    <message>
        <source>Fetching %1 URLs, %2 at a time…</source>
        <translation>Rufe %1 URLs ab, %2 gleichzeitig…</translation>
    </message>
    <message>
        <source>Sequential: %1</source>
        <translation>Sequenziell: %1</translation>
    </message>
    <message>
        <source>Sequential %1 ms, concurrency %2: %3 ms — %4× faster. %5</source>
        <translation>Sequenziell %1 ms, Nebenläufigkeit %2: %3 ms — %4× schneller. %5</translation>
    </message>
    <message>
        <source># The lesson&apos;s nine sites (needs the internet)</source>
        <translation># Die neun Websites der Lektion (braucht das Internet)</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>Der Demo-Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source># %1 requests to the local demo server, each answered after a delay</source>
        <translation># %1 Anfragen an den lokalen Demo-Server, jede mit Verzögerung beantwortet</translation>
    </message>
    <message>
        <source>Load URLs</source>
        <translation>URLs laden</translation>
    </message>
    <message>
        <source>Text files (*.txt *.list);;All files (*)</source>
        <translation>Textdateien (*.txt *.list);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than 16 MiB; not loaded</source>
        <translation>„%1“ ist größer als 16 MiB; nicht geladen</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 succeeded, %2 failed</source>
        <translation>%1 erfolgreich, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>, %1 cancelled</source>
        <translation>, %1 abgebrochen</translation>
    </message>
    <message>
        <source> · wall %1 ms · sum of request times %2 ms</source>
        <translation> · Gesamtdauer %1 ms · Summe der Anfragezeiten %2 ms</translation>
    </message>
    <message>
        <source> · speed-up %1×</source>
        <translation> · Beschleunigung %1×</translation>
    </message>
    <message>
        <source>%v of %m (cancelled)</source>
        <translation>%v von %m (abgebrochen)</translation>
    </message>
    <message>
        <source>No comparison: no fetch succeeded. %1</source>
        <translation>Kein Vergleich: kein Abruf war erfolgreich. %1</translation>
    </message>
    <message>
        <source>Fetching: %1 of %2 done, %3 failed</source>
        <translation>Abruf: %1 von %2 erledigt, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>No fetches yet. Choose URLs, then Fetch.</source>
        <translation>Noch keine Abrufe. URLs wählen, dann Abrufen.</translation>
    </message>
    <message>
        <source>URL file &quot;%1&quot; %2</source>
        <translation>URL-Datei „%1“ %2</translation>
    </message>
    <message>
        <source>http:// or https:// URLs, one per line; lines starting with # are comments</source>
        <translation>http://- oder https://-URLs, eine pro Zeile; Zeilen mit # am Anfang sind Kommentare</translation>
    </message>
    <message>
        <source>Fill the list with a ready-made set of URLs</source>
        <translation>Die Liste mit einem fertigen Satz URLs füllen</translation>
    </message>
    <message>
        <source>Seconds one request may take before it fails as timed out</source>
        <translation>Sekunden, die eine Anfrage dauern darf, bevor sie wegen Zeitüberschreitung scheitert</translation>
    </message>
    <message>
        <source>Redirects followed at most; one more is a failure</source>
        <translation>Höchstens so viele Weiterleitungen werden verfolgt; eine mehr ist ein Fehler</translation>
    </message>
    <message>
        <source>A body larger than this is aborted and reported as too large</source>
        <translation>Ein größerer Inhalt wird abgebrochen und als zu groß gemeldet</translation>
    </message>
    <message>
        <source>Fetch even when a certificate does not verify; each accepted error is listed as a warning</source>
        <translation>Auch abrufen, wenn ein Zertifikat nicht bestätigt wird; jeder hingenommene Fehler wird als Warnung aufgeführt</translation>
    </message>
    <message>
        <source>Fetch every URL of the list at the chosen concurrency</source>
        <translation>Jede URL der Liste mit der gewählten Parallelität abrufen</translation>
    </message>
    <message>
        <source>Cancel the fetches still running; those are counted as cancelled</source>
        <translation>Die noch laufenden Abrufe abbrechen; sie zählen als abgebrochen</translation>
    </message>
    <message>
        <source>Fetch the list one after another, then concurrently, and show the speed-up</source>
        <translation>Die Liste erst nacheinander, dann parallel abrufen und die Beschleunigung zeigen</translation>
    </message>
    <message>
        <source>Read a text file with one URL per line into the list</source>
        <translation>Eine Textdatei mit einer URL pro Zeile in die Liste laden</translation>
    </message>
    <message>
        <source>A &amp;thread per request (as in the lesson)</source>
        <translation>Ein &amp;Thread pro Anfrage (wie in der Lektion)</translation>
    </message>
    <message>
        <source>A thread per request</source>
        <translation>Ein Thread pro Anfrage</translation>
    </message>
    <message>
        <source>Run each request in flight on a worker thread of its own, with its own network manager, as in the lesson on threads for blocking I/O; otherwise the requests share about one thread per core, which costs less CPU</source>
        <translation>Jede laufende Anfrage in einem eigenen Arbeitsthread mit eigenem Netzwerkmanager ausführen, wie in der Lektion über Threads für blockierende Ein-/Ausgabe; sonst teilen sich die Anfragen etwa einen Thread pro Kern, was weniger CPU kostet</translation>
    </message>
    <message>
        <source>One row per URL: status, time, size, slot and any error</source>
        <translation>Eine Zeile pro URL: Status, Zeit, Größe, Platz und etwaiger Fehler</translation>
    </message>
    <message>
        <source>Requests in flight at once; 1 is sequential</source>
        <translation>Gleichzeitig laufende Anfragen; 1 heißt nacheinander</translation>
    </message>
</context>
<context>
    <name>OutputLog</name>
    <message>
        <source>[%1 bytes cut]</source>
        <translation>[%1 Bytes abgeschnitten]</translation>
    </message>
</context>
<context>
    <name>OutputPane</name>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Groß-/Kleinschreibung</translation>
    </message>
    <message>
        <source>Re&amp;gex</source>
        <translation>&amp;Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Close stdin (EOF)</source>
        <translation>Stdin schließen (EOF)</translation>
    </message>
    <message>
        <source>Filter lines</source>
        <translation>Zeilen filtern</translation>
    </message>
    <message>
        <source>Show only lines containing</source>
        <translation>Nur Zeilen zeigen, die dies enthalten</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>Show when each line arrived</source>
        <translation>Zeigen, wann jede Zeile ankam</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected lines (Ctrl+C)</source>
        <translation>Die ausgewählten Zeilen kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search the output (Ctrl+F)</source>
        <translation>Die Ausgabe durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Find (Enter: next, Shift+Enter: previous, Esc: close)</source>
        <translation>Suchen (Eingabe: nächster, Umschalt+Eingabe: vorheriger, Esc: schließen)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Type a line for the process&apos;s stdin and press Enter</source>
        <translation>Eine Zeile für die Standardeingabe des Prozesses tippen und Eingabe drücken</translation>
    </message>
    <message>
        <source>Standard input of the process</source>
        <translation>Standardeingabe des Prozesses</translation>
    </message>
    <message>
        <source>No process selected</source>
        <translation>Kein Prozess ausgewählt</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>stdin is closed</source>
        <translation>stdin ist geschlossen</translation>
    </message>
    <message>
        <source>Save Output</source>
        <translation>Ausgabe speichern</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>In %1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Show the output as a hex dump (offset, hex, ASCII)</source>
        <translation>Die Ausgabe als Hexdump zeigen (Offset, hex, ASCII)</translation>
    </message>
    <message>
        <source>Output as a hex dump</source>
        <translation>Ausgabe als Hexdump</translation>
    </message>
    <message>
        <source>Output arrives in whole 4 KiB blocks: the program buffers its output because its stdout is a pipe, not a terminal, and writes a block only when it is full.</source>
        <translation>Die Ausgabe kommt in ganzen 4-KiB-Blöcken an: das Programm puffert seine Ausgabe, weil sein stdout eine Pipe und kein Terminal ist, und schreibt einen Block erst, wenn er voll ist.</translation>
    </message>
    <message>
        <source>Restart with Line Buffering</source>
        <translation>Mit Zeilenpufferung neu starten</translation>
    </message>
    <message>
        <source>Restart with PYTHONUNBUFFERED=1, wrapped in stdbuf -oL -eL where stdbuf exists</source>
        <translation>Mit PYTHONUNBUFFERED=1 neu starten, eingebettet in stdbuf -oL -eL, wo stdbuf vorhanden ist</translation>
    </message>
    <message>
        <source>… the first %1 of %2 of stdout shown</source>
        <translation>… die ersten %1 von %2 aus stdout angezeigt</translation>
    </message>
    <message>
        <source>No stdout yet.</source>
        <translation>Noch keine Ausgabe auf stdout.</translation>
    </message>
    <message>
        <source>Live output: stdout, stderr in its own colour, and what Runboard reports</source>
        <translation>Live-Ausgabe: stdout, stderr in eigener Farbe und Runboards Meldungen</translation>
    </message>
    <message>
        <source>Hide the output lines that do not contain this text</source>
        <translation>Die Ausgabezeilen ausblenden, die diesen Text nicht enthalten</translation>
    </message>
    <message>
        <source>Save the whole output to a file</source>
        <translation>Die ganze Ausgabe in eine Datei speichern</translation>
    </message>
    <message>
        <source>Clear the output shown here (the process is not touched)</source>
        <translation>Die hier gezeigte Ausgabe leeren (der Prozess bleibt unberührt)</translation>
    </message>
    <message>
        <source>Enter sends the line to the process&apos;s stdin</source>
        <translation>Eingabe sendet die Zeile an die Standardeingabe des Prozesses</translation>
    </message>
    <message>
        <source>Close the process&apos;s stdin: it reads end of file</source>
        <translation>Die Standardeingabe des Prozesses schließen: er liest Dateiende</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <source>Output of the selected process</source>
        <translation>Ausgabe des ausgewählten Prozesses</translation>
    </message>
    <message>
        <source>invalid regular expression: %1</source>
        <translation>ungültiger regulärer Ausdruck: %1</translation>
    </message>
    <message>
        <source>Select a process to see its output.</source>
        <translation>Wählen Sie einen Prozess, um seine Ausgabe zu sehen.</translation>
    </message>
    <message>
        <source>no output to search</source>
        <translation>keine Ausgabe zum Durchsuchen</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>line %1 of %2 (counting matches…)</source>
        <translation>Zeile %1 von %2 (Treffer werden gezählt…)</translation>
    </message>
    <message>
        <source>match %1 of %2</source>
        <translation>Treffer %1 von %2</translation>
    </message>
</context>
<context>
    <name>ParallelDemo</name>
    <message>
        <source>encrypt</source>
        <translation>verschlüsseln</translation>
    </message>
    <message>
        <source>Starting %1 children at once: %2</source>
        <translation>Starte %1 Kindprozesse gleichzeitig: %2</translation>
    </message>
    <message>
        <source>child %1 (PID %2): %3 bytes in, %4 bytes out, %5 ms: %6</source>
        <translation>Kindprozess %1 (PID %2): %3 Bytes hinein, %4 Bytes heraus, %5 ms: %6</translation>
    </message>
    <message>
        <source>child %1: %2 bytes, %3</source>
        <translation>Kindprozess %1: %2 Bytes, %3</translation>
    </message>
    <message>
        <source>five %1-byte ciphertexts, as expected</source>
        <translation>fünf Geheimtexte zu je %1 Bytes, wie erwartet</translation>
    </message>
    <message>
        <source>expected five %1-byte outputs, got %2 (%3)</source>
        <translation>fünf Ausgaben zu je %1 Bytes erwartet, erhalten: %2 (%3)</translation>
    </message>
</context>
<context>
    <name>PipeDemo</name>
    <message>
        <source>encrypt | digest</source>
        <translation>verschlüsseln | Hashwert</translation>
    </message>
    <message>
        <source>Starting %1 pipelines: %2</source>
        <translation>Starte %1 Pipelines: %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>exited 0</source>
        <translation>beendet mit 0</translation>
    </message>
    <message>
        <source>pipeline %1: %2 bytes, %3</source>
        <translation>Pipeline %1: %2 Bytes, %3</translation>
    </message>
    <message>
        <source>expected five %1-byte digests, got %2 (%3)</source>
        <translation>fünf Hashwerte zu je %1 Bytes erwartet, erhalten: %2 (%3)</translation>
    </message>
    <message>
        <source>pipeline %1: %2; into stage 1: %3 bytes; stage 1 → stage 2: %4 bytes through the pipe; out of stage 2: %5 bytes; digest %6</source>
        <translation>Pipeline %1: %2; in Stufe 1: %3 Bytes; Stufe 1 → Stufe 2: %4 Bytes durch die Pipe; aus Stufe 2: %5 Bytes; Prüfsumme %6</translation>
    </message>
    <message>
        <source>pipeline %1: %2 bytes through the pipe, expected %3</source>
        <translation>Pipeline %1: %2 Bytes durch die Pipe, erwartet %3</translation>
    </message>
    <message>
        <source>five %1-byte digests of %2 bytes piped each, every stage exited 0</source>
        <translation>fünf %1-Byte-Prüfsummen aus je %2 durch die Pipe geleiteten Bytes, jede Stufe mit 0 beendet</translation>
    </message>
</context>
<context>
    <name>ProcessJob</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird gestoppt</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>failed to start</source>
        <translation>Start fehlgeschlagen</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>abgestürzt</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>hart beendet</translation>
    </message>
    <message>
        <source>— restarted (run %1) —</source>
        <translation>— neu gestartet (Lauf %1) —</translation>
    </message>
    <message>
        <source>stdin file &quot;%1&quot; does not exist</source>
        <translation>Eingabedatei „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>stdin file &quot;%1&quot; is a directory</source>
        <translation>Eingabedatei „%1“ ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>stdin file &quot;%1&quot; is not readable (permission denied)</source>
        <translation>Eingabedatei „%1“ ist nicht lesbar (Zugriff verweigert)</translation>
    </message>
    <message>
        <source>stage %1: </source>
        <translation>Stufe %1: </translation>
    </message>
    <message>
        <source>cannot create a pipe: %1</source>
        <translation>Pipe kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>program &quot;%1&quot; could not be started: %2</source>
        <translation>Programm „%1“ konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>1 escaped process stopped: %1</source>
        <translation>1 entkommener Prozess gestoppt: %1</translation>
    </message>
    <message>
        <source>%1 escaped processes stopped: %2</source>
        <translation>%1 entkommene Prozesse gestoppt: %2</translation>
    </message>
    <message>
        <source>Timed out: stopping the background processes</source>
        <translation>Zeitlimit überschritten: die Hintergrundprozesse werden gestoppt</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>exited %1</source>
        <translation>beendet mit %1</translation>
    </message>
    <message>
        <source>%1 · background output still open</source>
        <translation>%1 · Ausgabe im Hintergrund noch offen</translation>
    </message>
    <message>
        <source>%1 · 1 background process still running</source>
        <translation>%1 · 1 Hintergrundprozess läuft noch</translation>
    </message>
    <message>
        <source>%1 · %2 background processes still running</source>
        <translation>%1 · %2 Hintergrundprozesse laufen noch</translation>
    </message>
    <message>
        <source>Failed to start: %1</source>
        <translation>Start fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exited with code %1 after %2</source>
        <translation>Mit Code %1 beendet nach %2</translation>
    </message>
    <message>
        <source>Crashed with %1 after %2</source>
        <translation>Mit %1 abgestürzt nach %2</translation>
    </message>
    <message>
        <source>Timed out after %1</source>
        <translation>Zeitlimit überschritten nach %1</translation>
    </message>
    <message>
        <source>Stopped with %1 after %2</source>
        <translation>Mit %1 gestoppt nach %2</translation>
    </message>
    <message>
        <source>Stopped; exited with code %1 after %2</source>
        <translation>Gestoppt; mit Code %1 beendet nach %2</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>, background processes stopped by the timeout</source>
        <translation>, Hintergrundprozesse durch das Zeitlimit gestoppt</translation>
    </message>
    <message>
        <source>crashed (%1)</source>
        <translation>abgestürzt (%1)</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source> (exit code %1)</source>
        <translation> (Exit-Code %1)</translation>
    </message>
    <message>
        <source>failed to start: %1</source>
        <translation>Start fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1, %2 s, stdout %3 bytes, stderr %4 bytes, exit status %5</source>
        <translation>%1, %2 s, stdout %3 Bytes, stderr %4 Bytes, Exit-Status %5</translation>
    </message>
    <message>
        <source>failed (exit %1)</source>
        <translation>fehlgeschlagen (Exit %1)</translation>
    </message>
    <message>
        <source>ended by SIGPIPE</source>
        <translation>durch SIGPIPE beendet</translation>
    </message>
    <message>
        <source>stdin file &quot;%1&quot; cannot be opened: %2</source>
        <translation>Eingabedatei „%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Waiting for a writer on the FIFO &quot;%1&quot; (stdin file)</source>
        <translation>Warte auf einen Schreiber am FIFO „%1“ (Eingabedatei)</translation>
    </message>
    <message>
        <source>Stopped before it started, after %1</source>
        <translation>Vor dem Start gestoppt, nach %1</translation>
    </message>
    <message>
        <source>stopped before it started</source>
        <translation>vor dem Start gestoppt</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in der Warteschlange</translation>
    </message>
</context>
<context>
    <name>ProcessListModel</name>
    <message>
        <source>stage %1: %2</source>
        <translation>Stufe %1: %2</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Timeout / stop</source>
        <translation>Zeitlimit / Stopp</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Stdout</source>
        <translation>Stdout</translation>
    </message>
    <message>
        <source>Stderr</source>
        <translation>Stderr</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>SIGKILL in %1</source>
        <translation>SIGKILL in %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
</context>
<context>
    <name>ProcessSupervisor</name>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
</context>
<context>
    <name>ProgramResolver</name>
    <message>
        <source>working directory &quot;%1&quot; does not exist</source>
        <translation>Arbeitsverzeichnis „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>working directory &quot;%1&quot; is not a directory</source>
        <translation>Arbeitsverzeichnis „%1“ ist kein Verzeichnis</translation>
    </message>
    <message>
        <source>working directory &quot;%1&quot; cannot be entered (permission denied)</source>
        <translation>in das Arbeitsverzeichnis „%1“ kann nicht gewechselt werden (Zugriff verweigert)</translation>
    </message>
    <message>
        <source>program &quot;%1&quot; not found</source>
        <translation>Programm „%1“ nicht gefunden</translation>
    </message>
    <message>
        <source>program &quot;%1&quot; is a directory</source>
        <translation>Programm „%1“ ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>program &quot;%1&quot; is not executable (permission denied)</source>
        <translation>Programm „%1“ ist nicht ausführbar (Zugriff verweigert)</translation>
    </message>
    <message>
        <source>program name is empty</source>
        <translation>Programmname ist leer</translation>
    </message>
    <message>
        <source>program &quot;%1&quot; not found in PATH</source>
        <translation>Programm „%1“ nicht in PATH gefunden</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1: &quot;%2&quot; is not a number of seconds</source>
        <translation>%1: „%2“ ist keine Anzahl von Sekunden</translation>
    </message>
    <message>
        <source>%1: %2 is negative</source>
        <translation>%1: %2 ist negativ</translation>
    </message>
    <message>
        <source>%1: %2 s is longer than the 7-day limit</source>
        <translation>%1: %2 s überschreitet die Grenze von 7 Tagen</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number</source>
        <translation>%1: „%2“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>%1: %2 is out of range (%3 to %4)</source>
        <translation>%1: %2 liegt außerhalb des Bereichs (%3 bis %4)</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>--sequential and --concurrency %1 contradict each other</source>
        <translation>--sequential und --concurrency %1 widersprechen sich</translation>
    </message>
    <message>
        <source>--timeout: must be more than 0</source>
        <translation>--timeout: muss größer als 0 sein</translation>
    </message>
    <message>
        <source>--url-file: cannot read &quot;%1&quot;: %2</source>
        <translation>--url-file: „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>--url-file: &quot;%1&quot; is larger than 64 MiB</source>
        <translation>--url-file: „%1“ ist größer als 64 MiB</translation>
    </message>
    <message>
        <source>fetch: no URLs given (usage: runboard-cli fetch [options] URL... or --url-file FILE)</source>
        <translation>fetch: keine URLs angegeben (Aufruf: runboard-cli fetch [Optionen] URL... oder --url-file DATEI)</translation>
    </message>
    <message>
        <source>%1 fetched, %2 failed; wall %3 ms, sum of times %4 ms, speed-up %5x at concurrency %6</source>
        <translation>%1 abgerufen, %2 fehlgeschlagen; Gesamtdauer %3 ms, Summe der Zeiten %4 ms, Beschleunigung %5x bei Nebenläufigkeit %6</translation>
    </message>
    <message>
        <source>serve-demo: unexpected argument &quot;%1&quot;</source>
        <translation>serve-demo: unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>Serving the demo endpoints on %1 (Ctrl-C to stop)</source>
        <translation>Die Demo-Endpunkte werden auf %1 bereitgestellt (Strg-C zum Beenden)</translation>
    </message>
    <message>
        <source>--grace: %1 s is longer than one hour</source>
        <translation>--grace: %1 s ist länger als eine Stunde</translation>
    </message>
    <message>
        <source>--cwd: the directory name is empty</source>
        <translation>--cwd: der Verzeichnisname ist leer</translation>
    </message>
    <message>
        <source>give only one of --stdin-text, --stdin-file, --stdin-random</source>
        <translation>geben Sie nur eine der Optionen --stdin-text, --stdin-file, --stdin-random an</translation>
    </message>
    <message>
        <source>--stdin-file: the file name is empty</source>
        <translation>--stdin-file: der Dateiname ist leer</translation>
    </message>
    <message>
        <source>run: no program given (usage: runboard-cli run [options] -- PROGRAM [ARGS...] [&apos;|&apos; PROGRAM ...])</source>
        <translation>run: kein Programm angegeben (Aufruf: runboard-cli run [Optionen] -- PROGRAMM [ARGUMENTE...] [&apos;|&apos; PROGRAMM ...])</translation>
    </message>
    <message>
        <source>run: empty pipeline stage (a &apos;|&apos; at the start or two in a row)</source>
        <translation>run: leere Pipeline-Stufe (ein „|“ am Anfang oder zwei hintereinander)</translation>
    </message>
    <message>
        <source>run: empty pipeline stage (a &apos;|&apos; at the end)</source>
        <translation>run: leere Pipeline-Stufe (ein „|“ am Ende)</translation>
    </message>
    <message>
        <source>start: give exactly one session file (usage: runboard-cli start [--json] SESSION.json)</source>
        <translation>start: geben Sie genau eine Sitzungsdatei an (Aufruf: runboard-cli start [--json] SITZUNG.json)</translation>
    </message>
    <message>
        <source>start: the session has no processes</source>
        <translation>start: die Sitzung enthält keine Prozesse</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (try runboard-cli --help)</source>
        <translation>unbekannter Befehl „%1“ (siehe runboard-cli --help)</translation>
    </message>
    <message>
        <source>Teaching demos (run one with: runboard-cli demo NAME):</source>
        <translation>Lehr-Demos (eine ausführen mit: runboard-cli demo NAME):</translation>
    </message>
    <message>
        <source>demo: give one demo name (runboard-cli demo lists them)</source>
        <translation>demo: geben Sie einen Demo-Namen an (runboard-cli demo listet sie auf)</translation>
    </message>
    <message>
        <source>demo: no demo called &quot;%1&quot;; the demos are: %2</source>
        <translation>demo: keine Demo namens „%1“; die Demos sind: %2</translation>
    </message>
    <message>
        <source>--trace: the file name is empty</source>
        <translation>--trace: der Dateiname ist leer</translation>
    </message>
    <message>
        <source>What to watch: %1</source>
        <translation>Worauf zu achten ist: %1</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Timeline:</source>
        <translation>Zeitleiste:</translation>
    </message>
    <message>
        <source>PASS: %1</source>
        <translation>BESTANDEN: %1</translation>
    </message>
    <message>
        <source>FAIL: %1</source>
        <translation>FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <source>fetch at concurrency %1</source>
        <translation>Abruf mit Nebenläufigkeit %1</translation>
    </message>
    <message>
        <source>cannot write the command&apos;s output to stdout: %1; the command was stopped</source>
        <translation>die Ausgabe des Befehls kann nicht auf stdout geschrieben werden: %1; der Befehl wurde gestoppt</translation>
    </message>
    <message>
        <source>cannot write the processes&apos; output to stdout: %1; every process was stopped</source>
        <translation>die Ausgabe der Prozesse kann nicht auf stdout geschrieben werden: %1; alle Prozesse wurden gestoppt</translation>
    </message>
</context>
<context>
    <name>ResponsivenessMeter</name>
    <message>
        <source>Window responsiveness</source>
        <translation>Reaktionsfähigkeit des Fensters</translation>
    </message>
    <message>
        <source>The longest the window went without reacting during the last second. Under 16 ms is smooth.</source>
        <translation>Die längste Zeit in der letzten Sekunde, in der das Fenster nicht reagierte. Unter 16 ms ist flüssig.</translation>
    </message>
    <message>
        <source>Window: idle</source>
        <translation>Fenster: untätig</translation>
    </message>
    <message>
        <source>Window: measuring…</source>
        <translation>Fenster: messe…</translation>
    </message>
    <message>
        <source>Window: idle (last gap %1 ms)</source>
        <translation>Fenster: untätig (letzte Lücke %1 ms)</translation>
    </message>
    <message>
        <source>Window: max gap %1 ms</source>
        <translation>Fenster: größte Lücke %1 ms</translation>
    </message>
</context>
<context>
    <name>SessionFile</name>
    <message>
        <source>%1: unknown key, ignored</source>
        <translation>%1: unbekannter Schlüssel, ignoriert</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>Zeichenkette erwartet</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>true oder false erwartet</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>Zahl erwartet</translation>
    </message>
    <message>
        <source>expected a whole number, got %1</source>
        <translation>ganze Zahl erwartet, %1 erhalten</translation>
    </message>
    <message>
        <source>%1 is out of range (%2 to %3)</source>
        <translation>%1 liegt außerhalb des Bereichs (%2 bis %3)</translation>
    </message>
    <message>
        <source>expected an array of strings</source>
        <translation>Array von Zeichenketten erwartet</translation>
    </message>
    <message>
        <source>expected an object with &quot;set&quot; and &quot;unset&quot;</source>
        <translation>Objekt mit „set“ und „unset“ erwartet</translation>
    </message>
    <message>
        <source>expected an object of NAME: &quot;value&quot;</source>
        <translation>Objekt aus NAME: &quot;Wert&quot; erwartet</translation>
    </message>
    <message>
        <source>expected a string value</source>
        <translation>Zeichenkette als Wert erwartet</translation>
    </message>
    <message>
        <source>expected {&quot;text&quot;: ...}, {&quot;file&quot;: ...} or {&quot;randomBytes&quot;: N}</source>
        <translation>{&quot;text&quot;: ...}, {&quot;file&quot;: ...} oder {&quot;randomBytes&quot;: N} erwartet</translation>
    </message>
    <message>
        <source>give only one of &quot;text&quot;, &quot;file&quot;, &quot;randomBytes&quot;</source>
        <translation>nur eines von „text“, „file“, „randomBytes“ angeben</translation>
    </message>
    <message>
        <source>not valid JSON at line %1, column %2: %3</source>
        <translation>kein gültiges JSON in Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>the top level must be an object with &quot;version&quot; and &quot;processes&quot;</source>
        <translation>die oberste Ebene muss ein Objekt mit „version“ und „processes“ sein</translation>
    </message>
    <message>
        <source>version: is missing</source>
        <translation>version: fehlt</translation>
    </message>
    <message>
        <source>version: expected a number</source>
        <translation>version: Zahl erwartet</translation>
    </message>
    <message>
        <source>version: %1 is not supported (this Runboard reads version %2)</source>
        <translation>version: %1 wird nicht unterstützt (dieses Runboard liest Version %2)</translation>
    </message>
    <message>
        <source>processes: is missing</source>
        <translation>processes: fehlt</translation>
    </message>
    <message>
        <source>processes: expected an array</source>
        <translation>processes: Array erwartet</translation>
    </message>
    <message>
        <source>%1: expected an object</source>
        <translation>%1: Objekt erwartet</translation>
    </message>
    <message>
        <source>expected an array of {&quot;program&quot;, &quot;arguments&quot;}</source>
        <translation>Array von {&quot;program&quot;, &quot;arguments&quot;} erwartet</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>is a FIFO (named pipe), not a regular file</source>
        <translation>ist ein FIFO (benannte Pipe), keine reguläre Datei</translation>
    </message>
    <message>
        <source>is a device, not a regular file</source>
        <translation>ist ein Gerät, keine reguläre Datei</translation>
    </message>
    <message>
        <source>is a socket, not a regular file</source>
        <translation>ist ein Socket, keine reguläre Datei</translation>
    </message>
    <message>
        <source>is not a regular file</source>
        <translation>ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>session file &quot;%1&quot; does not exist</source>
        <translation>Sitzungsdatei „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>session file &quot;%1&quot; is a directory</source>
        <translation>Sitzungsdatei „%1“ ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>session file &quot;%1&quot; %2</source>
        <translation>Sitzungsdatei „%1“ %2</translation>
    </message>
    <message>
        <source>session file &quot;%1&quot; is larger than %2 MiB</source>
        <translation>Sitzungsdatei „%1“ ist größer als %2 MiB</translation>
    </message>
    <message>
        <source>session file &quot;%1&quot; cannot be read: %2</source>
        <translation>Sitzungsdatei „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>session file &quot;%1&quot;: %2</source>
        <translation>Sitzungsdatei „%1“: %2</translation>
    </message>
    <message>
        <source>cannot write session file &quot;%1&quot;: %2</source>
        <translation>Sitzungsdatei „%1“ kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation>Tastenkürzel suchen</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Search by action or keys, e.g. stop or Ctrl+K</source>
        <translation>Nach Aktion oder Tasten suchen, z. B. Stoppen oder Strg+K</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Show only the shortcuts whose action or keys contain this text</source>
        <translation>Nur die Tastenkürzel zeigen, deren Aktion oder Tasten diesen Text enthalten</translation>
    </message>
    <message>
        <source>Every action with a shortcut, and its keys</source>
        <translation>Jede Aktion mit Tastenkürzel und ihre Tasten</translation>
    </message>
    <message>
        <source>Close this list (Escape)</source>
        <translation>Diese Liste schließen (Escape)</translation>
    </message>
</context>
<context>
    <name>StopLadder</name>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Systemvorgabe</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
</context>
<context>
    <name>ThreadsDemo</name>
    <message>
        <source>Using nine endpoints of the local demo server (no internet needed).</source>
        <translation>Es werden neun Endpunkte des lokalen Demo-Servers verwendet (kein Internet nötig).</translation>
    </message>
    <message>
        <source>Trying the nine sites of the lesson (www.google.com first) ...</source>
        <translation>Die neun Websites der Lektion werden versucht (zuerst www.google.com) ...</translation>
    </message>
    <message>
        <source>The sites can be reached: using them.</source>
        <translation>Die Websites sind erreichbar: sie werden verwendet.</translation>
    </message>
    <message>
        <source>www.google.com cannot be reached (%1): using the local demo server instead.</source>
        <translation>www.google.com ist nicht erreichbar (%1): stattdessen wird der lokale Demo-Server verwendet.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>the local demo server could not start: %1</source>
        <translation>der lokale Demo-Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>one after another</source>
        <translation>nacheinander</translation>
    </message>
    <message>
        <source>One after another: %1 ms</source>
        <translation>Nacheinander: %1 ms</translation>
    </message>
    <message>
        <source>nine threads</source>
        <translation>neun Threads</translation>
    </message>
    <message>
        <source>On nine threads: %1 ms</source>
        <translation>Auf neun Threads: %1 ms</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>the local demo server</source>
        <translation>der lokale Demo-Server</translation>
    </message>
    <message>
        <source>the nine sites of the lesson</source>
        <translation>die neun Websites der Lektion</translation>
    </message>
    <message>
        <source>one after another: %1 ms; on nine threads: %2 ms; speed-up %3x</source>
        <translation>nacheinander: %1 ms; auf neun Threads: %2 ms; Beschleunigung %3x</translation>
    </message>
    <message>
        <source>%1 of the fetches failed</source>
        <translation>%1 der Abrufe fehlgeschlagen</translation>
    </message>
    <message>
        <source>expected a speed-up above %1x, got %2x</source>
        <translation>Beschleunigung über %1x erwartet, erhalten: %2x</translation>
    </message>
    <message>
        <source>nine threads were %1x faster than one after another</source>
        <translation>neun Threads waren %1x schneller als nacheinander</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>Fetching %1 URLs %2 ...</source>
        <translation>Rufe %1 URLs ab (%2) ...</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>ended by %1</source>
        <translation>durch %1 beendet</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>PID %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>SIGTERM (timeout)</source>
        <translation>SIGTERM (Zeitlimit)</translation>
    </message>
    <message>
        <source>SIGTERM (stop)</source>
        <translation>SIGTERM (Stopp)</translation>
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
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>first output</source>
        <translation>erste Ausgabe</translation>
    </message>
    <message>
        <source>stdin closed</source>
        <translation>stdin geschlossen</translation>
    </message>
    <message>
        <source>signal sent</source>
        <translation>Signal gesendet</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>line arrived</source>
        <translation>Zeile angekommen</translation>
    </message>
    <message>
        <source>first byte</source>
        <translation>erstes Byte</translation>
    </message>
</context>
<context>
    <name>TimelineCanvas</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Nothing has run yet. Start a process, a fetch or a demo: each gets a row.</source>
        <translation>Noch ist nichts gelaufen. Starten Sie einen Prozess, einen Abruf oder eine Demo: jedes davon erhält eine eigene Zeile.</translation>
    </message>
    <message>
        <source>%1 ms, %2</source>
        <translation>%1 ms, %2</translation>
    </message>
    <message>
        <source>… %1 more marks</source>
        <translation>… %1 weitere Markierungen</translation>
    </message>
    <message>
        <source>%1 ms: %2 %3</source>
        <translation>%1 ms: %2 %3</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation>Beginn (ms)</translation>
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
        <source>Marks</source>
        <translation>Markierungen</translation>
    </message>
</context>
<context>
    <name>TimelineRecorder</name>
    <message>
        <source>%1 · worker thread %2</source>
        <translation>%1 · Arbeitsthread %2</translation>
    </message>
    <message>
        <source>Fetch worker thread %1 of &quot;%2&quot;</source>
        <translation>Abruf-Arbeitsthread %1 von „%2“</translation>
    </message>
    <message>
        <source>%1 · slot %2</source>
        <translation>%1 · Platz %2</translation>
    </message>
    <message>
        <source>Fetch slot %1 of &quot;%2&quot;, on runner thread %3 (the slots share about one thread per core)</source>
        <translation>Abrufplatz %1 von „%2“, auf Ausführungsthread %3 (die Plätze teilen sich etwa einen Thread pro Kern)</translation>
    </message>
</context>
<context>
    <name>TimelineText</name>
    <message>
        <source>(= running, | output line, ! signal sent; ends: # ok, X failed, T timed out, S stopped, &gt; still running)</source>
        <translation>(= läuft, | Ausgabezeile, ! Signal gesendet; Enden: # erfolgreich, X fehlgeschlagen, T Zeitlimit überschritten, S gestoppt, &gt; läuft noch)</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>&amp;Follow now</source>
        <translation>Live &amp;verfolgen</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>Vergrößern (Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Keep the present moment in view while things run</source>
        <translation>Den aktuellen Zeitpunkt im Blick behalten, während etwas läuft</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save as PNG, SVG or Trace Event JSON (Perfetto, chrome://tracing)</source>
        <translation>Als PNG, SVG oder Trace-Event-JSON speichern (Perfetto, chrome://tracing)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#16a34a&apos;&gt;■&lt;/span&gt; ok &lt;span style=&apos;color:#dc2626&apos;&gt;■&lt;/span&gt; failed &lt;span style=&apos;color:#ea580c&apos;&gt;■&lt;/span&gt; timed out &lt;span style=&apos;color:#6b7280&apos;&gt;■&lt;/span&gt; stopped &lt;span style=&apos;color:#3b82f6&apos;&gt;■&lt;/span&gt; running</source>
        <translation>&lt;span style=&apos;color:#16a34a&apos;&gt;■&lt;/span&gt; erfolgreich &lt;span style=&apos;color:#dc2626&apos;&gt;■&lt;/span&gt; fehlgeschlagen &lt;span style=&apos;color:#ea580c&apos;&gt;■&lt;/span&gt; Zeitlimit überschritten &lt;span style=&apos;color:#6b7280&apos;&gt;■&lt;/span&gt; gestoppt &lt;span style=&apos;color:#3b82f6&apos;&gt;■&lt;/span&gt; läuft</translation>
    </message>
    <message>
        <source>cannot write &quot;%1&quot;</source>
        <translation>„%1“ kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Export Timeline</source>
        <translation>Zeitleiste exportieren</translation>
    </message>
    <message>
        <source>Trace Event JSON (*.json);;PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Trace-Event-JSON (*.json);;PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>Verkleinern (Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Timeline rows</source>
        <translation>Zeilen der Zeitleiste</translation>
    </message>
    <message>
        <source>One row per process, stage or fetch slot, bars from start to end; hover for details</source>
        <translation>Eine Zeile pro Prozess, Stufe oder Abrufplatz, Balken von Anfang bis Ende; für Details darüberfahren</translation>
    </message>
</context>
<context>
    <name>TimeoutDemo</name>
    <message>
        <source>sleep 10</source>
        <translation>sleep 10</translation>
    </message>
    <message>
        <source>Starting %1 with a timeout of %2 s</source>
        <translation>Starte %1 mit einem Zeitlimit von %2 s</translation>
    </message>
    <message>
        <source>signal sent after %1 ms, child ended after %2 ms</source>
        <translation>Signal nach %1 ms gesendet, Kindprozess nach %2 ms beendet</translation>
    </message>
    <message>
        <source>In Python&apos;s words: exit status -%1 (ended by %2)</source>
        <translation>In Pythons Worten: Exit-Status -%1 (durch %2 beendet)</translation>
    </message>
    <message>
        <source>In Runboard&apos;s words: %1, %2, shell status %3</source>
        <translation>In Runboards Worten: %1, %2, Shell-Status %3</translation>
    </message>
    <message>
        <source>expected the timeout to stop it, but it %1</source>
        <translation>das Zeitlimit sollte ihn stoppen, stattdessen: %1</translation>
    </message>
    <message>
        <source>expected SIGTERM to end it, got %1</source>
        <translation>SIGTERM sollte ihn beenden, erhalten: %1</translation>
    </message>
    <message>
        <source>expected shell status 124, got %1</source>
        <translation>Shell-Status 124 erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>expected it stopped within %1 ms, it took %2 ms</source>
        <translation>Stopp innerhalb von %1 ms erwartet, es dauerte %2 ms</translation>
    </message>
    <message>
        <source>stopped by SIGTERM after %1 ms: exit status -15 in Python, 124 in a shell</source>
        <translation>nach %1 ms durch SIGTERM gestoppt: Exit-Status -15 in Python, 124 in einer Shell</translation>
    </message>
</context>
<context>
    <name>TraceExport</name>
    <message>
        <source>cannot write &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Translations</name>
    <message>
        <source>no translation for language &quot;%1&quot; (available: %2); using English</source>
        <translation>keine Übersetzung für die Sprache „%1“ (verfügbar: %2); Englisch wird verwendet</translation>
    </message>
    <message>
        <source>Qt&apos;s own translation qtbase_%1.qm is not in %2; standard buttons stay English</source>
        <translation>Qts eigene Übersetzung qtbase_%1.qm liegt nicht in %2; Standardschaltflächen bleiben englisch</translation>
    </message>
    <message>
        <source>runboard_%1.qm is missing from the resources</source>
        <translation>runboard_%1.qm fehlt in den Ressourcen</translation>
    </message>
</context>
<context>
    <name>UrlValidator</name>
    <message>
        <source>empty URL</source>
        <translation>leere URL</translation>
    </message>
    <message>
        <source>invalid host name</source>
        <translation>ungültiger Hostname</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>„%1“ ist keine gültige URL: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no scheme (write http:// or https:// before it)</source>
        <translation>„%1“ hat kein Schema (schreiben Sie http:// oder https:// davor)</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: only http and https URLs are fetched, not %2</source>
        <translation>„%1“: nur http- und https-URLs werden abgerufen, nicht %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no host name</source>
        <translation>„%1“ hat keinen Hostnamen</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: host name &quot;%2&quot; has an empty part</source>
        <translation>„%1“: Hostname „%2“ hat einen leeren Teil</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: host name part is longer than 63 characters</source>
        <translation>„%1“: ein Teil des Hostnamens ist länger als 63 Zeichen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Launch, watch and control child processes.</source>
        <translation>Kindprozesse starten, beobachten und steuern.</translation>
    </message>
    <message>
        <source>A session file to open.</source>
        <translation>Eine zu öffnende Sitzungsdatei.</translation>
    </message>
    <message>
        <source>The language of the window: %1 (default: the system&apos;s).</source>
        <translation>Die Sprache des Fensters: %1 (Vorgabe: die des Systems).</translation>
    </message>
</context>
</TS>
