// The recording file (core/record): events and chunks round-trip exactly, and every way a file
// can be wrong (cut short, damaged, not a recording) is refused with what is wrong.
#include "record/eventcodec.h"
#include "record/recording.h"
#include "record/recordingformat.h"
#include "record/replaysession.h"
#include "util/gzip.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <zlib.h>

using namespace ppl;
using namespace ppl::record;

namespace {

std::vector<LabEvent> everyKindOfEvent() {
    std::vector<LabEvent> events;
    ScrapeEvent scrape{"app",
                       "127.0.0.1:1234",
                       QStringLiteral("http://127.0.0.1:1234/metrics"),
                       1000,
                       12,
                       TargetHealth::Down,
                       500,
                       7,
                       321,
                       QStringLiteral("server returned HTTP status 500"),
                       ScrapeFormat::OpenMetricsText1_0_0};
    events.push_back(LabEvent::make(1001, "web-1", scrape));
    PushResult push;
    push.method = PushMethod::Post;
    push.url = QUrl(QStringLiteral("http://127.0.0.1:9091/metrics/job/backup"));
    push.groupingKey = {{"job", "backup"}, {"instance", "db-1"}};
    push.status = 400;
    push.reason = QStringLiteral("bad");
    push.atMs = 1500;
    push.durationMs = 3;
    push.bytes = 99;
    events.push_back(LabEvent::make(1502, "backup", PushEvent{PushEvent::From::Target, push}));
    events.push_back(LabEvent::make(
        1600, "{job=\"x\"}",
        GatewayEvent{
            QStringLiteral("PUT"), QStringLiteral("{job=\"x\"}"), 200, true, {}, "curl/8", true}));
    events.push_back(LabEvent::make(
        1700, "gateway",
        GatewayAdminEvent{GatewayAdminEvent::Change::GroupDeleted, {{"job", "x"}}, false, false}));
    events.push_back(LabEvent::make(
        1800, "web-1",
        TargetEvent{TargetEvent::Change::Faulted, true, true, TargetFault::Slow, 2500, 4321}));
    events.push_back(
        LabEvent::make(1900, "backup", JobEvent{3, JobRunState::Failed, 2, 3000, 1234.5}));
    events.push_back(LabEvent::make(
        2000, "pod-a",
        PodEvent{PodEvent::Change::Annotated, "default", 0, "prometheus.io/scrape", "true"}));
    events.push_back(
        LabEvent::make(2100, "config", ConfigEvent{false, QStringLiteral("line 3: bad"), {}}));
    events.push_back(
        LabEvent::make(2200, "TargetDown",
                       AlertEvent{"TargetDown", "hybrid", QStringLiteral("hybrid.rules"),
                                  Labels::of({{"alertname", "TargetDown"}, {"job", "app"}}),
                                  rules::AlertState::Pending, rules::AlertState::Firing,
                                  std::numeric_limits<double>::infinity(), 2190}));
    events.push_back(LabEvent::make(2300, "lab",
                                    LabStateEvent{LabStateEvent::Change::ScenarioActionFailed,
                                                  {},
                                                  QStringLiteral("actions[0]"),
                                                  QStringLiteral("kill"),
                                                  QStringLiteral("unknown target")}));
    return events;
}

// Everything a reader can see of an event: its JSON (kind, time, subject, message, data) and
// the fields the JSON leaves out.
void compareEvents(const LabEvent &a, const LabEvent &b) {
    QCOMPARE(b.toJson(), a.toJson());
    QCOMPARE(b.payload.index(), a.payload.index());
    if (const auto *t = a.as<TargetEvent>())
        QCOMPARE(int(b.as<TargetEvent>()->change), int(t->change));
    if (const auto *p = a.as<PushEvent>()) {
        QCOMPARE(int(b.as<PushEvent>()->from), int(p->from));
        QCOMPARE(b.as<PushEvent>()->result.url, p->result.url);
        QCOMPARE(b.as<PushEvent>()->result.atMs, p->result.atMs);
    }
    if (const auto *g = a.as<GatewayAdminEvent>())
        QCOMPARE(int(b.as<GatewayAdminEvent>()->change), int(g->change));
}

ChunkBuilder sampleChunk(qint64 base) {
    ChunkBuilder c;
    c.addScenario({base, QStringLiteral("hybrid"), QStringLiteral(":/scenarios/hybrid.yaml"),
                   "name: hybrid\n"});
    c.addSeries(7, Labels::of({{"__name__", "up"}, {"job", "app"}}));
    c.addSamples(7, {{base, 1}, {base + 1000, 0}, {base + 2000, staleMarker()}});
    c.addEvent(everyKindOfEvent().front());
    c.addTick(base + 2000);
    return c;
}

QString writeFile(const QString &dir, const QString &name, const QByteArray &bytes) {
    const QString path = dir + QLatin1Char('/') + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

QByteArray validFile() {
    QByteArray bytes = FileMagic.toByteArray();
    bytes += sampleChunk(1'700'000'000'000).take();
    ChunkBuilder second;
    second.addSamples(7, {{1'700'000'003'000, 1}});
    second.addTick(1'700'000'004'000);
    bytes += second.take();
    return bytes;
}

} // namespace

class TestRecordingFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eventsRoundTrip() {
        const std::vector<LabEvent> events = everyKindOfEvent();
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out.setVersion(StreamVersion);
            for (const LabEvent &e : events)
                writeEvent(out, e);
        }
        QDataStream in(bytes);
        in.setVersion(StreamVersion);
        for (const LabEvent &e : events) {
            QString error;
            const auto back = readEvent(in, &error);
            QVERIFY2(back, qPrintable(error));
            compareEvents(e, *back);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(in.atEnd());
    }

    void damagedEventIsRefused() {
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out.setVersion(StreamVersion);
            out << qint64(5) << QByteArray("x") << quint8(42); // no such payload
        }
        QDataStream in(bytes);
        in.setVersion(StreamVersion);
        QString error;
        QVERIFY(!readEvent(in, &error));
        QVERIFY(error.contains(QLatin1String("42")));
    }

    void fileRoundTrip() {
        QTemporaryDir dir;
        const QString path = writeFile(dir.path(), QStringLiteral("ok.pplrec"), validFile());
        QString error;
        const auto r = Recording::open(path, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->scenario().name, QStringLiteral("hybrid"));
        QCOMPARE(r->scenario().yaml, QByteArray("name: hybrid\n"));
        QCOMPARE(r->startMs(), 1'700'000'000'000);
        QCOMPARE(r->endMs(), 1'700'000'004'000);
        QCOMPARE(r->sampleCount(), 4);
        QCOMPARE(r->seriesCount(), 1);
        QCOMPARE(r->eventCount(), 1);
        QCOMPARE(r->maxSamplesPerSeries(), 4);
        QCOMPARE(int(r->chunks().size()), 2);
        // The earliest time at or after each chunk (here the event's): what replay loads
        // chunks by.
        QCOMPARE(r->chunks()[0].laterMinMs, 1001);
        QCOMPARE(r->chunks()[1].laterMinMs, 1'700'000'003'000);

        const auto c = r->readChunk(0, &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(int(c->series.size()), 1);
        QCOMPARE(c->series[0].first, 7u);
        QCOMPARE(c->series[0].second, Labels::of({{"__name__", "up"}, {"job", "app"}}));
        QCOMPARE(int(c->runs.size()), 1);
        const auto &s = c->runs[0].samples;
        QCOMPARE(int(s.size()), 3);
        QCOMPARE(s[0].timestampMs, 1'700'000'000'000);
        QCOMPARE(s[1].value, 0.0);
        QCOMPARE(s[2].timestampMs, 1'700'000'002'000);
        QVERIFY(isStaleMarker(s[2].value)); // the marker's exact bits survive
        QCOMPARE(int(c->events.size()), 1);
        compareEvents(everyKindOfEvent().front(), c->events[0]);
        QCOMPARE(c->tickMs, 1'700'000'002'000);
    }

    void badFilesAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray ok = validFile();
        const qsizetype firstChunkEnd =
            FileMagic.size() + sampleChunk(1'700'000'000'000).take().size();
        QTest::addRow("empty file") << QByteArray() << "not a Pull/Push Lab recording";
        QTest::addRow("foreign file")
            << QByteArray("# HELP up Whether\nup 1\n") << "not a Pull/Push Lab recording";
        QTest::addRow("a newer format") << QByteArray("PPLREC99") + ok.mid(8) << "newer version";
        QTest::addRow("magic only") << FileMagic.toByteArray() << "holds no recorded time";
        QTest::addRow("cut in a chunk header")
            << ok.left(FileMagic.size() + 10) << "cut short: a chunk header at byte 8";
        QTest::addRow("cut in a chunk's data")
            << ok.left(firstChunkEnd + ChunkFrameBytes + 5) << "cut short: the chunk at byte";
        QTest::addRow("cut by one byte") << ok.chopped(1) << "cut short";
        QByteArray flipped = ok;
        flipped[FileMagic.size() + ChunkFrameBytes + 12] =
            char(flipped[FileMagic.size() + ChunkFrameBytes + 12] ^ 0x40);
        QTest::addRow("a flipped bit") << flipped << "checksum does not match";
        QByteArray garbage = ok;
        garbage.insert(firstChunkEnd, QByteArray("garbage!"));
        QTest::addRow("bytes between chunks") << garbage << "no chunk starts at byte";
        QByteArray huge = ok;
        huge[FileMagic.size() + 4] = char(0x7f); // compressed size ≥ 2 GB
        QTest::addRow("an impossible size") << huge << "impossible header";
        // A chunk whose records are not a recording's, with a valid frame and checksum.
        ChunkBuilder noScenario;
        noScenario.addTick(5);
        QTest::addRow("no scenario first") << FileMagic.toByteArray() + noScenario.take()
                                           << "does not begin with the recorded scenario";
        ChunkBuilder undefined = sampleChunk(1000);
        undefined.addSamples(99, {{3000, 1}});
        QTest::addRow("samples of an undefined series")
            << FileMagic.toByteArray() + undefined.take() << "undefined series";
    }

    void badFilesAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir.path(), QStringLiteral("bad.pplrec"), bytes);
        QString error;
        const auto r = Recording::open(path, &error);
        QVERIFY(!r);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error)); // says which file
    }

    void damagedRecordsInsideAValidChunk() {
        // A frame and checksum that match records that do not parse: a truncated event.
        QByteArray raw;
        {
            QDataStream out(&raw, QIODevice::WriteOnly);
            out.setVersion(StreamVersion);
            out << quint8(RecordTag::Event) << qint64(1) << QByteArray("x") << quint8(1);
        }
        ChunkFrame frame;
        const QByteArray compressed = ppl::gzipCompress(raw);
        frame.compressedBytes = quint32(compressed.size());
        frame.rawBytes = quint32(raw.size());
        QByteArray tail;
        {
            QDataStream t(&tail, QIODevice::WriteOnly);
            t << frame.rawBytes << frame.minMs << frame.maxMs;
        }
        uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(compressed.constData()),
                          uInt(compressed.size()));
        frame.crc = quint32(
            crc32(crc, reinterpret_cast<const Bytef *>(tail.constData()), uInt(tail.size())));
        QString error;
        QVERIFY(!decodeChunk(frame, compressed, &error));
        QVERIFY2(error.contains(QLatin1String("damaged")), qPrintable(error));
    }

    // Any bytes: open() answers (a recording or an error), never crashes, and whatever it
    // accepts replays at any position.
    void mutatedFilesNeverCrash() {
        const QByteArray ok = validFile();
        QRandomGenerator random(15);
        QTemporaryDir dir;
        int refused = 0;
        for (int round = 0; round < 400; ++round) {
            QByteArray bytes = ok;
            switch (round % 4) {
            case 0: // one byte changed
                bytes[random.bounded(int(bytes.size()))] = char(random.bounded(256));
                break;
            case 1: // cut anywhere
                bytes.truncate(random.bounded(int(bytes.size())));
                break;
            case 2: // a run of random bytes over the frame or data
                for (int i = 0, at = random.bounded(int(bytes.size()));
                     i < 8 && at + i < bytes.size(); ++i)
                    bytes[at + i] = char(random.bounded(256));
                break;
            default: // bytes inserted
                bytes.insert(random.bounded(int(bytes.size())),
                             QByteArray(random.bounded(1, 40), char(random.bounded(256))));
                break;
            }
            const QString path =
                writeFile(dir.path(), QStringLiteral("m%1.pplrec").arg(round), bytes);
            QString error;
            auto r = Recording::open(path, &error);
            if (!r) {
                QVERIFY(!error.isEmpty());
                ++refused;
                continue;
            }
            for (int i = 0; i < int(r->chunks().size()); ++i)
                QVERIFY2(r->readChunk(i, &error), qPrintable(error));
            ReplaySession session(std::move(r));
            QVERIFY(session.seek(session.endMs()));
            QVERIFY(session.seek(session.startMs()));
        }
        QVERIFY(refused > 300); // the CRC catches nearly every change
    }

    void unreadableFile() {
        QString error;
        QVERIFY(!Recording::open(QStringLiteral("/nonexistent/x.pplrec"), &error));
        QVERIFY2(error.contains(QLatin1String("cannot open")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRecordingFormat)
#include "tst_recordingformat.moc"
