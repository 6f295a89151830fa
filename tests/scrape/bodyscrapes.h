#pragma once

#include "testtarget.h"
#include "twoscrapers.h"

#include <QList>
#include <QStringList>
#include <QTest>

#include <memory>
#include <vector>

namespace ppl::test {

// One scrape body for the differential body tests: what a target answers, and with which
// Content-Type.
struct ScrapeCase {
    const char *tag;
    QByteArray body;
    QByteArray contentType = {}; // null: the test's default; "" sends none
};

// One loopback target per case (job `case<i>`), scraped by the real Prometheus 2.42 and the
// lab from the same prometheus.yml; then each job's view compared.
class BodyScrapes {
public:
    // False with *error when a target cannot listen, a scraper does not start, or not every
    // target has been scraped by both within 20 s.
    bool start(const QList<ScrapeCase> &cases, QString *error) {
        m_cases = cases;
        QByteArray config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                            "scrape_configs:\n";
        for (qsizetype i = 0; i < cases.size(); ++i) {
            auto &server = m_servers.emplace_back(std::make_unique<TestTarget>());
            if (!server->listen()) {
                *error = QStringLiteral("a test target cannot listen");
                return false;
            }
            server->setBody(cases[i].body);
            server->setContentType(cases[i].contentType);
            config += "  - job_name: case" + QByteArray::number(i) +
                      "\n    static_configs:\n      - targets: ['127.0.0.1:" +
                      QByteArray::number(server->port()) + "']\n";
        }
        if (!m_both.start(config, error))
            return false;
        for (const quint16 port : {m_both.labPort(), m_both.prometheusPort()}) {
            if (!QTest::qWaitFor(
                    [&] {
                        return instantQuery(loopback(port), QStringLiteral("up")).size() ==
                               cases.size();
                    },
                    20000)) {
                *error =
                    QStringLiteral("not every target was scraped by the server on %1").arg(port);
                return false;
            }
        }
        return true;
    }

    // The jobs whose views differ, each with both views, once they agree or after 15 s.
    QStringList differences() const {
        QStringList out;
        [[maybe_unused]] const bool agreed = QTest::qWaitFor(
            [&] {
                out.clear();
                for (qsizetype i = 0; i < m_cases.size(); ++i) {
                    const QString job = QStringLiteral("case%1").arg(i);
                    const QString ours = view(m_both.labPort(), job);
                    const QString theirs = view(m_both.prometheusPort(), job);
                    if (ours != theirs)
                        out << QStringLiteral("%1 (%2):\n lab:\n%3\n prometheus:\n%4")
                                   .arg(job, QLatin1String(m_cases[i].tag), ours, theirs);
                }
                return out.isEmpty();
            },
            15000);
        return out;
    }

    QString jobOf(const char *tag) const {
        for (qsizetype i = 0; i < m_cases.size(); ++i) {
            if (qstrcmp(m_cases[i].tag, tag) == 0)
                return QStringLiteral("case%1").arg(i);
        }
        return QString();
    }

    TwoScrapers &both() { return m_both; }

private:
    QList<ScrapeCase> m_cases;
    std::vector<std::unique_ptr<TestTarget>> m_servers;
    TwoScrapers m_both;
};

} // namespace ppl::test
