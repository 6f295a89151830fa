// The lab's PromQL against the real Prometheus 2.42 on identical stored samples.
// The samples are written once as OpenMetrics; `promtool tsdb create-blocks-from openmetrics`
// turns them into TSDB blocks the real Prometheus opens, and the lab's store gets the very
// same (timestamp, value) pairs. Both are then asked the same instant and range queries over
// HTTP; label sets must agree exactly, values to 1e-9 relative (NaN equals NaN), errors by
// errorType.
#include "api/labapiserver.h"
#include "realpeer.h"
#include "storage/seriesstore.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <QUrlQuery>
#include <deque>

#include <cmath>

using namespace ppl;
using namespace ppl::test;

namespace {

constexpr qint64 T0 = 1'700'000'000; // seconds; data spans [T0, T0 + 3600] every 15 s
constexpr int Step = 15;
constexpr int Points = 241;

struct SeriesData {
    Labels labels;
    std::vector<std::pair<qint64, double>> samples; // ms, value
};

// A deterministic generator (no dependence on the standard library's distributions).
struct Lcg {
    quint64 s = 42;
    double next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(s >> 11) / double(1ULL << 53);
    }
};

std::vector<SeriesData> makeData() {
    // A deque: the lambdas below hand out pointers to a series' samples, which must survive
    // the next series being added (a vector reallocating freed them; ASan saw it).
    std::deque<SeriesData> out;
    Lcg rnd;
    auto series = [&out](std::initializer_list<std::pair<const char *, const char *>> l) {
        out.push_back({Labels::of(l), {}});
        return &out.back().samples;
    };
    auto eachStep = [](auto fn) {
        for (int i = 0; i < Points; ++i)
            fn(i, (T0 + qint64(i) * Step) * 1000);
    };
    {
        auto *a =
            series({{"__name__", "req_total"}, {"job", "api"}, {"instance", "a"}, {"code", "200"}});
        double v = 0;
        eachStep([&](int, qint64 t) { a->push_back({t, v += std::floor(rnd.next() * 20)}); });
    }
    {
        auto *b =
            series({{"__name__", "req_total"}, {"job", "api"}, {"instance", "b"}, {"code", "500"}});
        double v = 3;
        eachStep([&](int i, qint64 t) {
            v = i == 120 ? 1 : v + std::floor(rnd.next() * 7); // a counter reset
            b->push_back({t, v});
        });
    }
    {
        auto *c =
            series({{"__name__", "req_total"}, {"job", "web"}, {"instance", "c"}, {"code", "200"}});
        double v = 1000;
        eachStep([&](int, qint64 t) { c->push_back({t, v += 1 + std::floor(rnd.next() * 50)}); });
    }
    for (const char *room : {"x", "y"}) {
        auto *g = series({{"__name__", "temp_celsius"}, {"room", room}});
        const double base = room[0] == 'x' ? 20 : 17.5;
        eachStep([&](int i, qint64 t) {
            g->push_back({t, base + 3 * std::sin(i / 9.0) + std::round(rnd.next() * 100) / 100});
        });
    }
    {
        // Gaps of 2 min (inside the lookback) and 8 min (past it).
        auto *g = series({{"__name__", "gappy"}, {"k", "1"}});
        eachStep([&](int i, qint64 t) {
            const int s = i * Step;
            if ((s >= 900 && s < 1020) || (s >= 2000 && s < 2480))
                return;
            g->push_back({t, double(i % 7)});
        });
    }
    {
        const double bounds[] = {0.05, 0.1, 0.5, 1};
        std::vector<std::vector<std::pair<qint64, double>> *> buckets;
        for (const char *le : {"0.05", "0.1", "0.5", "1", "+Inf"})
            buckets.push_back(
                series({{"__name__", "lat_seconds_bucket"}, {"job", "api"}, {"le", le}}));
        auto *sum = series({{"__name__", "lat_seconds_sum"}, {"job", "api"}});
        auto *count = series({{"__name__", "lat_seconds_count"}, {"job", "api"}});
        double counts[5] = {0, 0, 0, 0, 0};
        double total = 0;
        eachStep([&](int, qint64 t) {
            for (int n = 0; n < 10; ++n) {
                const double obs = rnd.next() * rnd.next() * 1.5;
                total += obs;
                for (int b = 0; b < 5; ++b) {
                    if (b == 4 || obs <= bounds[b])
                        counts[b] += 1;
                }
            }
            for (int b = 0; b < 5; ++b)
                buckets[size_t(b)]->push_back({t, counts[b]});
            sum->push_back({t, total});
            count->push_back({t, counts[4]});
        });
    }
    {
        auto *u1 = series({{"__name__", "up"}, {"job", "api"}, {"instance", "a"}});
        auto *u2 = series({{"__name__", "up"}, {"job", "web"}, {"instance", "c"}});
        eachStep([&](int i, qint64 t) {
            u1->push_back({t, 1});
            u2->push_back({t, i * Step < 2400 ? 1 : 0});
        });
    }
    {
        // A batch job pushing every 5 minutes, scraped from the gateway every 15 s.
        auto *p = series({{"__name__", "push_time_seconds"}, {"job", "batch"}, {"instance", ""}});
        eachStep([&](int i, qint64 t) {
            p->push_back({t, double(T0 + (i * Step / 300) * 300) + 0.25});
        });
    }
    {
        auto *n = series({{"__name__", "odd_values"}, {"kind", "nan"}});
        auto *f = series({{"__name__", "odd_values"}, {"kind", "inf"}});
        auto *z = series({{"__name__", "odd_values"}, {"kind", "negzero"}});
        eachStep([&](int i, qint64 t) {
            n->push_back({t, i % 5 == 0 ? std::nan("") : double(i)});
            f->push_back({t, i % 3 == 0 ? INFINITY : -double(i)});
            z->push_back({t, i % 2 ? -0.0 : 0.5});
        });
    }
    {
        // Only at the start: gone from every lookback after T0 + 5m + 15 s.
        auto *e = series({{"__name__", "early_only"}, {"job", "api"}});
        for (int i = 0; i < 2; ++i)
            e->push_back({(T0 + i * Step) * 1000, 5.0 + i});
    }
    // Many groups: 10 jobs × 100 instances × 2 codes, a sample every 5 minutes. Grouping by
    // (job, instance) must keep 1,000 groups apart (bench_query once found the lab merging
    // some of them in a group_left query).
    for (int j = 0; j < 10; ++j)
        for (int i = 0; i < 100; ++i)
            for (int c = 0; c < 2; ++c) {
                const QByteArray job = "g" + QByteArray::number(j);
                const QByteArray instance = "i" + QByteArray::number(i);
                const QByteArray code = "c" + QByteArray::number(c);
                out.push_back({Labels::fromPairs({{"__name__", "grid_total"},
                                                  {"job", job},
                                                  {"instance", instance},
                                                  {"code", code}}),
                               {}});
                double v = double((j * 100 + i) * 2 + c);
                for (int k = 0; k * 300 <= 3600; ++k)
                    out.back().samples.push_back({(T0 + k * 300) * 1000, v += 1 + k % 3});
            }
    return {std::make_move_iterator(out.begin()), std::make_move_iterator(out.end())};
}

QByteArray openMetricsValue(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    return QByteArray::number(v, 'g', 17);
}

QByteArray toOpenMetrics(const std::vector<SeriesData> &data) {
    QByteArray out;
    for (const SeriesData &s : data) {
        QByteArray labels;
        for (int i = 0; i < s.labels.size(); ++i) {
            if (s.labels.name(i) == "__name__")
                continue;
            labels +=
                (labels.isEmpty() ? "" : ",") + s.labels.name(i) + "=\"" + s.labels.value(i) + '"';
        }
        const QByteArray head =
            s.labels.metricName() + (labels.isEmpty() ? QByteArray() : '{' + labels + '}');
        for (const auto &[t, v] : s.samples)
            out += head + ' ' + openMetricsValue(v) + ' ' + QByteArray::number(t / 1000) + '.' +
                   QByteArray::number(t % 1000).rightJustified(3, '0') + '\n';
    }
    return out + "# EOF\n";
}

bool sameValue(const QString &a, const QString &b) {
    if (a == b)
        return true;
    bool okA = false;
    bool okB = false;
    const double x = a.toDouble(&okA);
    const double y = b.toDouble(&okB);
    if (!okA || !okB)
        return false;
    if (std::isnan(x) || std::isnan(y))
        return std::isnan(x) && std::isnan(y);
    if (std::isinf(x) || std::isinf(y))
        return x == y;
    return std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y)) ||
           std::fabs(x - y) < 1e-12;
}

QString labelsKey(const QJsonObject &metric) {
    QStringList parts;
    for (auto it = metric.begin(); it != metric.end(); ++it)
        parts << it.key() + '=' + it.value().toString();
    parts.sort();
    return '{' + parts.join(',') + '}';
}

// Compares two API answers; returns an empty string when they agree, else what differs.
QString compare(const QByteArray &labBody, const QByteArray &promBody, bool ordered) {
    const QJsonObject lab = QJsonDocument::fromJson(labBody).object();
    const QJsonObject prom = QJsonDocument::fromJson(promBody).object();
    if (lab.isEmpty() || prom.isEmpty())
        return QStringLiteral("unparsable answer: lab %1 / prometheus %2")
            .arg(QString::fromUtf8(labBody.left(200)), QString::fromUtf8(promBody.left(200)));
    if (lab["status"] != prom["status"])
        return QStringLiteral("status differs: lab %1 / prometheus %2")
            .arg(QString::fromUtf8(labBody.left(300)), QString::fromUtf8(promBody.left(300)));
    if (prom["status"] == QLatin1String("error"))
        return lab["errorType"] == prom["errorType"]
                   ? QString()
                   : QStringLiteral("errorType differs: lab %1 / prometheus %2")
                         .arg(QString::fromUtf8(labBody), QString::fromUtf8(promBody));
    const QJsonObject ld = lab["data"].toObject();
    const QJsonObject pd = prom["data"].toObject();
    if (ld["resultType"] != pd["resultType"])
        return QStringLiteral("resultType differs: %1 / %2")
            .arg(ld["resultType"].toString(), pd["resultType"].toString());
    const QString type = pd["resultType"].toString();
    if (type == QLatin1String("scalar") || type == QLatin1String("string")) {
        const QJsonArray l = ld["result"].toArray();
        const QJsonArray p = pd["result"].toArray();
        if (l[0].toDouble() != p[0].toDouble() || !sameValue(l[1].toString(), p[1].toString()))
            return QStringLiteral("value differs: lab %1 / prometheus %2")
                .arg(QString::fromUtf8(labBody), QString::fromUtf8(promBody));
        return {};
    }
    auto entries = [&type](const QJsonObject &data) {
        QList<QPair<QString, QJsonArray>> out;
        for (const QJsonValue &r : data["result"].toArray()) {
            const QJsonObject o = r.toObject();
            QJsonArray points;
            if (type == QLatin1String("vector"))
                points.append(o["value"]);
            else
                points = o["values"].toArray();
            out.append({labelsKey(o["metric"].toObject()), points});
        }
        return out;
    };
    auto l = entries(ld);
    auto p = entries(pd);
    if (!ordered) {
        auto byKey = [](const auto &a, const auto &b) { return a.first < b.first; };
        std::sort(l.begin(), l.end(), byKey);
        std::sort(p.begin(), p.end(), byKey);
    }
    QStringList lk, pk;
    for (const auto &e : l)
        lk << e.first;
    for (const auto &e : p)
        pk << e.first;
    if (lk != pk)
        return QStringLiteral("series differ:\n  lab  %1\n  prom %2")
            .arg(lk.join(' '), pk.join(' '));
    for (qsizetype i = 0; i < l.size(); ++i) {
        const QJsonArray &a = l[i].second;
        const QJsonArray &b = p[i].second;
        if (a.size() != b.size())
            return QStringLiteral("%1: %2 points / %3 points")
                .arg(l[i].first)
                .arg(a.size())
                .arg(b.size());
        for (qsizetype j = 0; j < a.size(); ++j) {
            const QJsonArray x = a[j].toArray();
            const QJsonArray y = b[j].toArray();
            if (x[0].toDouble() != y[0].toDouble() || !sameValue(x[1].toString(), y[1].toString()))
                return QStringLiteral("%1 point %2: lab [%3, %4] / prometheus [%5, %6]")
                    .arg(l[i].first)
                    .arg(j)
                    .arg(x[0].toDouble(), 0, 'f', 3)
                    .arg(x[1].toString())
                    .arg(y[0].toDouble(), 0, 'f', 3)
                    .arg(y[1].toString());
        }
    }
    return {};
}

// Queries covering every function, aggregation and operator of the issue.
QStringList instantQueries() {
    return {
        // selectors, lookback, offset, @
        "req_total",
        R"(req_total{job="api"})",
        R"(req_total{code!="200"})",
        R"(req_total{instance=~"a|c"})",
        R"(req_total{instance!~"a.*"})",
        R"({__name__=~"req_total|up", job="web"})",
        "gappy",
        "early_only",
        "req_total offset 5m",
        "req_total offset -2m",
        "temp_celsius @ 1700001800",
        "temp_celsius @ 1700001800 offset 1m",
        "temp_celsius @ start()",
        "temp_celsius @ end()",
        "odd_values",
        "-odd_values",
        "req_total[1m]",
        "gappy[3m]",
        // range functions
        "rate(req_total[5m])",
        "rate(req_total[1m])",
        "increase(req_total[5m])",
        "increase(req_total[2m] offset 10m)",
        "irate(req_total[1m])",
        "delta(temp_celsius[10m])",
        "idelta(temp_celsius[5m])",
        "deriv(temp_celsius[10m])",
        "predict_linear(req_total[10m], 600)",
        "holt_winters(temp_celsius[10m], 0.3, 0.6)",
        "changes(gappy[10m])",
        "resets(req_total[1h])",
        "avg_over_time(temp_celsius[10m])",
        "sum_over_time(temp_celsius[10m])",
        "min_over_time(temp_celsius[10m])",
        "max_over_time(temp_celsius[10m])",
        "count_over_time(gappy[10m])",
        "last_over_time(gappy[10m])",
        "present_over_time(gappy[1m])",
        "absent_over_time(gappy[1m])",
        R"(absent_over_time(nonexistent{job="x"}[5m]))",
        "quantile_over_time(0.9, temp_celsius[30m])",
        "quantile_over_time(1.5, temp_celsius[30m])",
        "stddev_over_time(temp_celsius[30m])",
        "stdvar_over_time(temp_celsius[30m])",
        "avg_over_time(odd_values[5m])",
        "max_over_time(odd_values[5m])",
        "min_over_time(odd_values[5m])",
        "sum_over_time(odd_values[5m])",
        // subqueries
        "max_over_time(rate(req_total[1m])[10m:1m])",
        "avg_over_time(temp_celsius[10m:])",
        "count_over_time(temp_celsius[5m:45s])",
        "min_over_time(sum(req_total)[10m:2m] offset 3m)",
        "rate(req_total[5m:30s])",
        "temp_celsius[2m:30s]",
        // instant functions
        "abs(-temp_celsius)",
        "ceil(temp_celsius)",
        "floor(temp_celsius)",
        "round(temp_celsius)",
        "round(temp_celsius, 0.25)",
        "exp(temp_celsius / 10)",
        "ln(temp_celsius)",
        "log2(temp_celsius)",
        "log10(temp_celsius)",
        "sqrt(temp_celsius)",
        "sgn(odd_values)",
        "clamp(temp_celsius, 18, 21)",
        "clamp_max(temp_celsius, 19)",
        "clamp_min(temp_celsius, 19)",
        "clamp(temp_celsius, 21, 18)",
        "sin(temp_celsius)",
        "cos(temp_celsius)",
        "tan(temp_celsius)",
        "asin(temp_celsius / 100)",
        "acos(temp_celsius / 100)",
        "atan(temp_celsius)",
        "sinh(temp_celsius / 10)",
        "cosh(temp_celsius / 10)",
        "tanh(temp_celsius / 10)",
        "asinh(temp_celsius)",
        "acosh(temp_celsius)",
        "atanh(temp_celsius / 100)",
        "deg(temp_celsius)",
        "rad(temp_celsius)",
        "pi()",
        "time()",
        "timestamp(temp_celsius)",
        "timestamp(temp_celsius offset 1m)",
        "timestamp(gappy)",
        "timestamp(-gappy)",
        "vector(time())",
        "scalar(temp_celsius)",
        R"(scalar(temp_celsius{room="x"}))",
        "absent(nonexistent)",
        R"(absent(nonexistent{job="a", job="b", x="y"}))",
        "absent(up)",
        "sort(req_total)",
        "sort_desc(temp_celsius)",
        "year()",
        "month()",
        "day_of_month()",
        "day_of_week()",
        "day_of_year()",
        "days_in_month()",
        "hour()",
        "minute()",
        "hour(push_time_seconds)",
        "minute(push_time_seconds)",
        "year(push_time_seconds)",
        "day_of_year(push_time_seconds)",
        "days_in_month(push_time_seconds)",
        "histogram_quantile(0.5, lat_seconds_bucket)",
        "histogram_quantile(0.99, rate(lat_seconds_bucket[5m]))",
        "histogram_quantile(0.9, sum by (le) (rate(lat_seconds_bucket[5m])))",
        "histogram_quantile(-1, lat_seconds_bucket)",
        "histogram_quantile(2, lat_seconds_bucket)",
        "label_replace(req_total, \"svc\", \"$1-x\", \"instance\", \"(.*)\")",
        R"(label_replace(req_total, "job", "", "job", "api"))",
        "label_replace(req_total, \"svc\", \"${1}_$2\", \"code\", \"(\\\\d)(\\\\d+)\")",
        R"(label_replace(req_total, "1bad", "x", "job", ".*"))",
        R"(label_join(req_total, "key", "/", "job", "instance", "code"))",
        R"(label_join(req_total, "job", "", "nothing"))",
        // aggregations
        "sum(req_total)",
        "sum by (job) (req_total)",
        "sum without (instance, code) (req_total)",
        "avg by (job) (req_total)",
        "min(temp_celsius)",
        "max by (room) (temp_celsius)",
        "count(req_total)",
        "count by (code) (req_total)",
        "group by (job) (req_total)",
        "stddev(temp_celsius)",
        "stdvar by (job) (req_total)",
        "topk(2, req_total)",
        "bottomk(1, temp_celsius)",
        "topk by (job) (1, req_total)",
        "topk(0, req_total)",
        "quantile(0.25, req_total)",
        "quantile by (job) (0.5, req_total)",
        R"(count_values("value", up))",
        R"(count_values without (instance) ("v", up))",
        "sum(odd_values)",
        "avg(odd_values)",
        "max(odd_values)",
        "min(odd_values)",
        "sum by (__name__) (req_total)",
        "max(req_total) by (job)",
        // operators
        "req_total + 1",
        "2 * req_total",
        "req_total / 0",
        "-req_total % 7",
        "req_total ^ 0.5",
        "temp_celsius atan2 2",
        "temp_celsius > 20",
        "temp_celsius >= bool 20",
        "20 < temp_celsius",
        "20 < bool temp_celsius",
        "temp_celsius == temp_celsius",
        "temp_celsius != bool 18",
        "up == 0",
        "up == bool 0",
        "1 + 2 * 3 ^ 2 ^ 0.5",
        "(1 + 2) * 3",
        "5 % 3",
        "2 ^ -1",
        "1 == bool 1",
        "time() - push_time_seconds",
        "time() - push_time_seconds > 120",
        R"(req_total / on(job, instance) group_left up)",
        R"(up * on(job) group_left(code) req_total{code="200"})",
        R"(req_total * ignoring(code) group_left up)",
        R"(req_total + on(job) up)",
        R"(up + on(job) req_total)",
        R"(sum by (job) (req_total) / on(job) group_right count by (job, instance) (req_total))",
        "req_total and up",
        R"(req_total and on(job) up{job="web"})",
        "req_total or temp_celsius",
        R"(req_total{job="api"} or on(job) req_total)",
        "req_total unless on(job) (up == 0)",
        "up unless up",
        R"(temp_celsius{room="x"} - ignoring(room) temp_celsius{room="y"})",
        "rate(req_total[5m]) > bool 1",
        "sum(rate(req_total[5m])) by (job)",
        "avg_over_time(up[10m]) < 1",
        // errors
        "rate(req_total)",
        "sum(",
        "foo bar",
        "{job=~\"(?=x)\"}",
        R"(req_total{job="api"} + on(job) req_total)",
        "holt_winters(temp_celsius[5m], 2, 0.5)",
        R"(topk(scalar(up), req_total))",
        // 1,000 groups of two
        "count(sum by (job, instance) (grid_total))",
        "count(count without (code) (grid_total))",
        "grid_total / on(job, instance) group_left sum by (job, instance) (grid_total)",
    };
}

QStringList rangeQueries() {
    return {"req_total", "rate(req_total[5m])", "sum by (job) (rate(req_total[5m]))", "gappy",
            "time() - push_time_seconds", "up == 0", "temp_celsius offset 10m",
            "max_over_time(temp_celsius[5m:1m])",
            "histogram_quantile(0.9, rate(lat_seconds_bucket[5m]))", "topk(1, temp_celsius)",
            "sort_desc(req_total)", "early_only", "1 + 1", "timestamp(temp_celsius)",
            "temp_celsius @ end()", "absent(up{job=\"none\"})",
            "label_replace(up, \"x\", \"$1\", \"job\", \"(.)\")", "count(up) by (job)",
            "changes(gappy[3m])", "deriv(temp_celsius[10m])", "req_total[5m]",
            "sum by (job, instance) (rate(grid_total[10m]))",
            // Aggregations of a range function: the lab evaluates these series by series.
            "avg by (job) (increase(req_total[10m]))",
            "max without (instance) (irate(req_total[2m]))", "min(delta(temp_celsius[5m]))",
            "count(count_over_time(gappy[1m]))",
            "group by (room) (stddev_over_time(temp_celsius[5m]))", "sum(resets(req_total[30m]))",
            "sum by (kind) (avg_over_time(odd_values[5m]))", "max(max_over_time(odd_values[2m]))",
            "sum(rate(req_total[5m] offset 5m))", "avg(present_over_time(gappy[2m]))",
            "sum(rate({__name__=~\"lat_seconds_sum|lat_seconds_count\"}[5m]))"};
}

} // namespace

class TestPromqlDifferential : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<RealPeer> m_prometheus;
    ManualClock m_clock{(T0 + 7200) * 1000};
    SeriesStore m_store{&m_clock};
    std::unique_ptr<LabApiServer> m_lab;
    int m_nonEmpty =
        0; // answers with at least one series or a scalar, so agreement means something
    int m_compared = 0;

    QByteArray get(const QUrl &base, const QString &path,
                   const QList<QPair<QString, QString>> &params) {
        QUrl url = base;
        url.setPath(path);
        QUrlQuery q;
        for (const auto &[k, v] : params)
            q.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
        url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
        const HttpReply reply = httpRequest("GET", url);
        return reply.body;
    }

private Q_SLOTS:
    void initTestCase() {
        for (const char *program : {"prometheus", "promtool"}) {
            if (!RealPeer::available(QString::fromLatin1(program)))
                QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(program)));
        }
        QVERIFY(m_dir.isValid());
        const std::vector<SeriesData> data = makeData();
        const QString input = m_dir.filePath(QStringLiteral("data.om"));
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(toOpenMetrics(data));
        f.close();
        const QString tsdb = m_dir.filePath(QStringLiteral("tsdb"));
        QProcess promtool;
        promtool.setProcessChannelMode(QProcess::MergedChannels);
        promtool.start(QStringLiteral("promtool"),
                       {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                        QStringLiteral("openmetrics"), input, tsdb});
        QVERIFY(promtool.waitForFinished(60000));
        QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());

        const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
        QFile c(config);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("global:\n  evaluation_interval: 1m\n");
        c.close();
        m_prometheus = std::make_unique<RealPeer>(
            QStringLiteral("prometheus"),
            QStringList{QStringLiteral("--config.file=") + config,
                        QStringLiteral("--storage.tsdb.path=") + tsdb,
                        QStringLiteral("--storage.tsdb.retention.time=100y")});
        QVERIFY2(m_prometheus->start(QStringLiteral("--web.listen-address"),
                                     QStringLiteral("/-/ready"), 30000),
                 qPrintable(m_prometheus->output()));

        m_store.setRetentionMs(qint64(100) * 365 * 24 * 3600 * 1000);
        for (const SeriesData &s : data) {
            for (const auto &[t, v] : s.samples)
                m_store.append(s.labels, t, v);
        }
        m_lab = std::make_unique<LabApiServer>(&m_clock, &m_store, nullptr);
        QVERIFY(m_lab->listen(QHostAddress::LocalHost, 0) != 0);
    }

    void instant_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<qint64>("time");
        // Inside the data, in gappy's short and long gaps, at the edges and after the end.
        const qint64 times[] = {T0 + 1800,       T0 + 1000,       T0 + 2300, T0 + 3600,
                                T0 + 3600 + 200, T0 + 3600 + 400, T0 + 7};
        for (const QString &q : instantQueries()) {
            for (qint64 t : times)
                QTest::addRow("%s @%lld", qPrintable(q), t - T0) << q << t;
        }
    }
    void instant() {
        QFETCH(QString, query);
        QFETCH(qint64, time);
        const QList<QPair<QString, QString>> params = {
            {QStringLiteral("query"), query}, {QStringLiteral("time"), QString::number(time)}};
        const QByteArray lab =
            get(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_lab->serverPort())),
                QStringLiteral("/api/v1/query"), params);
        const QByteArray prom = get(m_prometheus->url(), QStringLiteral("/api/v1/query"), params);
        const bool ordered = query.startsWith(QLatin1String("sort"));
        const QString diff = compare(lab, prom, ordered);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        ++m_compared;
        const QJsonValue result = QJsonDocument::fromJson(prom)["data"]["result"];
        if (!result.isArray() || !result.toArray().isEmpty())
            ++m_nonEmpty;
    }

    void range_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("step");
        for (const QString &q : rangeQueries()) {
            QTest::addRow("%s whole", qPrintable(q)) << q << T0 << T0 + 3600 << 60;
            QTest::addRow("%s unaligned", qPrintable(q)) << q << T0 + 7 << T0 + 3000 + 7 << 45;
            QTest::addRow("%s past the end", qPrintable(q)) << q << T0 + 3300 << T0 + 4200 << 15;
        }
    }
    void range() {
        QFETCH(QString, query);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(int, step);
        const QList<QPair<QString, QString>> params = {
            {QStringLiteral("query"), query},
            {QStringLiteral("start"), QString::number(start)},
            {QStringLiteral("end"), QString::number(end)},
            {QStringLiteral("step"), QString::number(step)}};
        const QByteArray lab =
            get(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_lab->serverPort())),
                QStringLiteral("/api/v1/query_range"), params);
        const QByteArray prom =
            get(m_prometheus->url(), QStringLiteral("/api/v1/query_range"), params);
        const QString diff = compare(lab, prom, false);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    // Most pairs must have answered something: empty agreeing with empty proves little.
    void mostAnswersHaveData() {
        QVERIFY2(m_compared >= 900, qPrintable(QString::number(m_compared)));
        QVERIFY2(m_nonEmpty * 10 >= m_compared * 7,
                 qPrintable(QStringLiteral("%1 of %2").arg(m_nonEmpty).arg(m_compared)));
    }

    // The API's other readers agree too.
    void metadataEndpoints_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("match");
        QTest::addColumn<QString>("start"); // empty: not sent
        QTest::addColumn<QString>("end");
        const QString late = QString::number(T0 + 1800);
        const QString last = QString::number(T0 + 3600);
        QTest::newRow("series") << "/api/v1/series"
                                << R"(req_total{job="api"})"
                                << ""
                                << "";
        QTest::newRow("labels") << "/api/v1/labels"
                                << "temp_celsius"
                                << ""
                                << "";
        QTest::newRow("label values") << "/api/v1/label/job/values"
                                      << R"({__name__=~"req_total|up"})"
                                      << ""
                                      << "";
        // start/end: early_only's samples are all before T0 + 30 s.
        QTest::newRow("series in a window") << "/api/v1/series"
                                            << R"({__name__=~"early_only|up"})" << late << last;
        QTest::newRow("series before a time") << "/api/v1/series"
                                              << R"({__name__=~"early_only|up"})"
                                              << "" << late;
        QTest::newRow("label values in a window") << "/api/v1/label/__name__/values"
                                                  << R"({job="api"})" << late << last;
        QTest::newRow("labels in a window") << "/api/v1/labels"
                                            << "early_only" << late << last;
    }
    void metadataEndpoints() {
        QFETCH(QString, path);
        QFETCH(QString, match);
        QFETCH(QString, start);
        QFETCH(QString, end);
        QList<QPair<QString, QString>> params = {{QStringLiteral("match[]"), match}};
        if (!start.isEmpty())
            params.append({QStringLiteral("start"), start});
        if (!end.isEmpty())
            params.append({QStringLiteral("end"), end});
        const QByteArray lab =
            get(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_lab->serverPort())), path, params);
        const QByteArray prom = get(m_prometheus->url(), path, params);
        QCOMPARE(QJsonDocument::fromJson(lab), QJsonDocument::fromJson(prom));
    }
};

QTEST_GUILESS_MAIN(TestPromqlDifferential)
#include "tst_promqldifferential.moc"
