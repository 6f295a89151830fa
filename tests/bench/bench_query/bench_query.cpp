// bench_query: the lab's PromQL against the real Prometheus 2.42 on the same 10,000 series ×
// 1 hour at 15 s. The samples go to Prometheus as TSDB blocks (promtool tsdb
// create-blocks-from openmetrics) and into the lab's store; each query is asked over HTTP of
// both, alternately, and the median latency of each side is printed with the ratio.
//   bench_query [repetitions=7]
#include "api/labapiserver.h"
#include "realpeer.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <cmath>
#include <cstdio>
#include <map>

using namespace ppl;
using namespace ppl::test;

namespace {

constexpr qint64 T0 = 1'700'000'000; // seconds
constexpr int Step = 15;
constexpr int Points = 241; // one hour

struct Generated {
    QByteArray openMetrics;
    std::vector<std::pair<Labels, std::vector<std::pair<qint64, double>>>> series;
};

Generated generate() {
    Generated g;
    quint64 state = 7;
    auto rnd = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(state >> 11) / double(1ULL << 53);
    };
    auto add = [&g](const QByteArray &name, const QList<QPair<QByteArray, QByteArray>> &labels,
                    std::vector<std::pair<qint64, double>> samples) {
        std::vector<std::pair<QByteArray, QByteArray>> pairs{{"__name__", name}};
        QByteArray text;
        for (const auto &[k, v] : labels) {
            pairs.emplace_back(k, v);
            text += (text.isEmpty() ? "" : ",") + k + "=\"" + v + '"';
        }
        const QByteArray head = name + '{' + text + "} ";
        for (const auto &[t, v] : samples)
            g.openMetrics +=
                head + QByteArray::number(v, 'g', 17) + ' ' + QByteArray::number(t / 1000) + '\n';
        g.series.emplace_back(Labels::fromPairs(std::move(pairs)), std::move(samples));
    };
    // 5,000 counters: 10 jobs × 100 instances × 5 codes.
    for (int j = 0; j < 10; ++j) {
        for (int i = 0; i < 100; ++i) {
            for (int c = 0; c < 5; ++c) {
                std::vector<std::pair<qint64, double>> s;
                double v = std::floor(rnd() * 1000);
                for (int p = 0; p < Points; ++p)
                    s.emplace_back((T0 + qint64(p) * Step) * 1000, v += std::floor(rnd() * 30));
                add("http_requests_total",
                    {{"job", "j" + QByteArray::number(j)},
                     {"instance", "i" + QByteArray::number(i)},
                     {"code", "c" + QByteArray::number(c)}},
                    std::move(s));
            }
        }
    }
    // 5,000 histogram buckets: 10 jobs × 50 instances × 10 bounds.
    const char *bounds[] = {"0.005", "0.01", "0.025", "0.05", "0.1",
                            "0.25",  "0.5",  "1",     "2.5",  "+Inf"};
    for (int j = 0; j < 10; ++j) {
        for (int i = 0; i < 50; ++i) {
            std::vector<std::vector<std::pair<qint64, double>>> buckets(10);
            double counts[10] = {};
            for (int p = 0; p < Points; ++p) {
                for (int n = 0; n < 20; ++n) {
                    const double obs = rnd() * rnd() * 3;
                    for (int b = 0; b < 10; ++b) {
                        if (b == 9 || obs <= QByteArray(bounds[b]).toDouble())
                            counts[b] += 1;
                    }
                }
                for (int b = 0; b < 10; ++b)
                    buckets[size_t(b)].emplace_back((T0 + qint64(p) * Step) * 1000, counts[b]);
            }
            for (int b = 0; b < 10; ++b)
                add("latency_seconds_bucket",
                    {{"job", "j" + QByteArray::number(j)},
                     {"instance", "i" + QByteArray::number(i)},
                     {"le", bounds[b]}},
                    std::move(buckets[size_t(b)]));
        }
    }
    g.openMetrics += "# EOF\n";
    return g;
}

struct Query {
    const char *text;
    bool range;
};

const Query queries[] = {
    {R"(http_requests_total{job="j1",instance="i1",code="c1"})", false},
    {R"(http_requests_total{job="j1"})", false},
    {"http_requests_total", false},
    {R"(http_requests_total{instance=~"i1.*"})", false},
    {"rate(http_requests_total[5m])", false},
    {"sum by (job) (rate(http_requests_total[5m]))", false},
    {"sum(rate(http_requests_total[5m]))", false},
    {"histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m])))", false},
    {"histogram_quantile(0.9, rate(latency_seconds_bucket[5m]))", false},
    {"topk(10, rate(http_requests_total[5m]))", false},
    {R"(max_over_time(rate(http_requests_total{job="j1"}[1m])[30m:1m]))", false},
    {"avg_over_time(http_requests_total[10m])", false},
    {"count by (code) (http_requests_total)", false},
    {"http_requests_total / on(job, instance) group_left sum by (job, instance) "
     "(http_requests_total)",
     false},
    {"http_requests_total > 5000", false},
    {R"(increase(http_requests_total{job="j2"}[1h]))", false},
    {"label_replace(http_requests_total{job=\"j3\"}, \"x\", \"$1\", \"instance\", \"i(.*)\")",
     false},
    {"quantile(0.5, http_requests_total)", false},
    {"sum by (job) (rate(http_requests_total[5m]))", true},
    {R"(http_requests_total{job="j1"})", true},
};

double timeQuery(const QUrl &base, const Query &q, qint64 *bytes, QByteArray *body = nullptr) {
    QUrl url = base;
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("query"),
                        QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(q.text))));
    if (q.range) {
        url.setPath(QStringLiteral("/api/v1/query_range"));
        params.addQueryItem(QStringLiteral("start"), QString::number(T0));
        params.addQueryItem(QStringLiteral("end"), QString::number(T0 + 3600));
        params.addQueryItem(QStringLiteral("step"), QStringLiteral("15"));
    } else {
        url.setPath(QStringLiteral("/api/v1/query"));
        params.addQueryItem(QStringLiteral("time"), QString::number(T0 + 3600));
    }
    url.setQuery(params.query(QUrl::FullyEncoded), QUrl::StrictMode);
    QElapsedTimer timer;
    timer.start();
    const HttpReply reply = httpRequest("GET", url, {}, {}, 120000);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    *bytes = reply.body.size();
    if (body)
        *body = reply.body;
    if (reply.status != 200)
        std::fprintf(stderr, "  %s: HTTP %d %s\n", q.text, reply.status,
                     reply.body.left(200).constData());
    return ms;
}

// The two answers compared as the differential test does: the same label sets, values equal to
// 1e-9 relative (NaN equal to NaN), the same timestamps. Empty when they agree, else the first
// difference. (Comparing sizes is not enough: "0.1" and "0.10000000000000001" are the same
// float, and equal sizes can hide different values.)
QByteArray compareAnswers(const QByteArray &labBody, const QByteArray &promBody) {
    const QJsonObject lab = QJsonDocument::fromJson(labBody).object();
    const QJsonObject prom = QJsonDocument::fromJson(promBody).object();
    if (lab.value(u"status") != prom.value(u"status"))
        return "status " + lab.value(u"status").toString().toUtf8() + " vs " +
               prom.value(u"status").toString().toUtf8();
    const QJsonObject ld = lab.value(u"data").toObject();
    const QJsonObject pd = prom.value(u"data").toObject();
    if (ld.value(u"resultType") != pd.value(u"resultType"))
        return "resultType differs";
    // labels -> "t v t v ..." as numbers
    auto points = [](const QJsonObject &data) {
        std::map<QByteArray, std::vector<std::pair<double, double>>> out;
        for (const QJsonValue &r : data.value(u"result").toArray()) {
            const QJsonObject o = r.toObject();
            const QByteArray key =
                QJsonDocument(o.value(u"metric").toObject()).toJson(QJsonDocument::Compact);
            auto &v = out[key];
            const QJsonArray values = o.contains(u"values") ? o.value(u"values").toArray()
                                                            : QJsonArray{o.value(u"value")};
            for (const QJsonValue &p : values) {
                const QJsonArray pair = p.toArray();
                v.emplace_back(pair.at(0).toDouble(), pair.at(1).toString().toDouble());
            }
        }
        return out;
    };
    const auto l = points(ld);
    const auto p = points(pd);
    if (l.size() != p.size())
        return QByteArray::number(qulonglong(l.size())) + " series vs " +
               QByteArray::number(qulonglong(p.size()));
    for (const auto &[key, lv] : l) {
        const auto it = p.find(key);
        if (it == p.end())
            return "series only in the lab's answer: " + key;
        const auto &pv = it->second;
        if (lv.size() != pv.size())
            return key + ": " + QByteArray::number(qulonglong(lv.size())) + " points vs " +
                   QByteArray::number(qulonglong(pv.size()));
        for (size_t i = 0; i < lv.size(); ++i) {
            const auto [lt, lx] = lv[i];
            const auto [pt, px] = pv[i];
            const bool same = (std::isnan(lx) && std::isnan(px)) || lx == px ||
                              std::abs(lx - px) <= 1e-9 * std::max(std::abs(lx), std::abs(px));
            if (lt != pt || !same)
                return key + ": " + QByteArray::number(lx, 'g', 17) + "@" +
                       QByteArray::number(lt, 'f', 3) + " vs " + QByteArray::number(px, 'g', 17) +
                       "@" + QByteArray::number(pt, 'f', 3);
        }
    }
    return {};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int reps = argc > 1 ? std::max(1, atoi(argv[1])) : 7;
    QTemporaryDir dir;
    std::printf("generating 10,000 series x %d samples...\n", Points);
    Generated g = generate();
    const QString input = dir.filePath(QStringLiteral("data.om"));
    {
        QFile f(input);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(g.openMetrics);
    }
    g.openMetrics.clear();
    const QString tsdb = dir.filePath(QStringLiteral("tsdb"));
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(QStringLiteral("promtool"),
                   {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                    QStringLiteral("openmetrics"), QStringLiteral("--quiet"), input, tsdb});
    if (!promtool.waitForFinished(600000) || promtool.exitCode() != 0) {
        std::fprintf(stderr, "promtool failed: %s\n", promtool.readAll().constData());
        return 1;
    }
    const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
    {
        QFile c(config);
        if (!c.open(QIODevice::WriteOnly))
            return 1;
        c.write("global:\n  evaluation_interval: 1m\n");
    }
    RealPeer prometheus(QStringLiteral("prometheus"),
                        {QStringLiteral("--config.file=") + config,
                         QStringLiteral("--storage.tsdb.path=") + tsdb,
                         QStringLiteral("--storage.tsdb.retention.time=100y")});
    if (!prometheus.start(QStringLiteral("--web.listen-address"), QStringLiteral("/-/ready"),
                          60000)) {
        std::fprintf(stderr, "prometheus did not start: %s\n", qPrintable(prometheus.output()));
        return 1;
    }
    ManualClock clock((T0 + 7200) * 1000);
    SeriesStore store(&clock);
    store.setRetentionMs(qint64(100) * 365 * 24 * 3600 * 1000);
    for (const auto &[labels, samples] : g.series) {
        const auto id = store.seriesFor(labels);
        for (const auto &[t, v] : samples)
            store.append(id, t, v);
    }
    g.series.clear();
    LabApiServer lab(&clock, &store, nullptr);
    const quint16 port = lab.listen(QHostAddress::LocalHost, 0);
    const QUrl labUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));

    std::printf("%-92s %10s %10s %7s\n", "query (median of runs, ms)", "lab", "prometheus",
                "ratio");
    // PPL_BENCH_ONLY=3,13: only these queries (0-based), e.g. to profile one.
    const QStringList only = qEnvironmentVariable("PPL_BENCH_ONLY").split(u',', Qt::SkipEmptyParts);
    for (const Query &q : queries) {
        if (!only.isEmpty() && !only.contains(QString::number(&q - queries)))
            continue;
        std::vector<double> labMs;
        std::vector<double> promMs;
        qint64 labBytes = 0;
        qint64 promBytes = 0;
        QByteArray labBody;
        QByteArray promBody;
        timeQuery(labUrl, q, &labBytes, &labBody); // warm-up, both sides; the answers compared
        timeQuery(prometheus.url(), q, &promBytes, &promBody);
        const QByteArray difference = compareAnswers(labBody, promBody);
        for (int r = 0; r < reps; ++r) {
            labMs.push_back(timeQuery(labUrl, q, &labBytes));
            promMs.push_back(timeQuery(prometheus.url(), q, &promBytes));
        }
        const double l = median(labMs);
        const double p = median(promMs);
        const QByteArray name = QByteArray(q.range ? "[range 1h/15s] " : "") + q.text;
        std::printf("%-92s %10.2f %10.2f %7.2f%s\n", name.left(92).constData(), l, p, l / p,
                    difference.isEmpty() ? "" : "  (answers differ)");
        if (!difference.isEmpty()) {
            std::printf("    first difference: %s\n", difference.left(300).constData());
            if (qEnvironmentVariableIsSet("PPL_BENCH_DUMP")) { // both answers, to look at
                const QString stem = QStringLiteral("%1/query-%2-")
                                         .arg(qEnvironmentVariable("PPL_BENCH_DUMP"))
                                         .arg(&q - queries);
                for (const auto &[side, body] :
                     {std::pair{u"lab", &labBody}, std::pair{u"prometheus", &promBody}}) {
                    QFile f(stem + QString::fromUtf16(side) + QStringLiteral(".json"));
                    if (f.open(QIODevice::WriteOnly))
                        f.write(*body);
                }
            }
        }
        std::fflush(stdout);
    }
    return 0;
}
