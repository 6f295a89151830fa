#pragma once

#include "lab/lab.h"
#include "lab/scenario.h"

#include <QDir>
#include <QImage>
#include <QSet>
#include <QTest>

// A small scenario for GUI tests: two services scraped every second, the gateway scraped
// too, and one push job. Wall clock: the scrapes are real HTTP on loopback.
inline const char *uiTestScenario() {
    return R"(name: ui-test
description: two targets, a gateway and a push job
prometheus: |
  global:
    scrape_interval: 1s
    scrape_timeout: 500ms
  scrape_configs:
    - job_name: 'web'
      static_configs:
        - targets: ['{{target:web-1}}', '{{target:web-2}}']
    - job_name: 'pushgateway'
      honor_labels: true
      static_configs:
        - targets: ['{{gateway}}']
targets:
  - name: web-1
    profile: service
  - name: web-2
    profile: service
jobs:
  - name: backup
    duration: 1s
    push: push
    grouping_key: {job: database_backup, instance: db-1}
)";
}

inline bool loadUiTestScenario(ppl::Lab &lab, QString *error) {
    const auto loaded = ppl::loadScenario(uiTestScenario(), QStringLiteral("ui-test.yaml"));
    if (loaded.error) {
        *error = loaded.error->toString();
        return false;
    }
    return lab.loadScenario(*loaded.scenario, error);
}

// A built-in scenario (by name) loaded into the lab; false with *error set if either step fails.
inline bool loadBuiltInScenario(ppl::Lab &lab, const QString &name, QString *error) {
    const auto loaded = ppl::loadScenarioByNameOrFile(name);
    if (loaded.error) {
        *error = loaded.error->toString();
        return false;
    }
    return lab.loadScenario(*loaded.scenario, error);
}

// Where GUI tests leave their screenshots for a human to look at (created if missing).
inline QString screenshotDir() {
    const QString dir =
        qEnvironmentVariable("PPL_BINARY_DIR", QDir::tempPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

// How many colours a grid of every `step`-th pixel holds: a blank or flat grab has few.
inline int colourCount(const QImage &img, int step) {
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += step)
        for (int x = 0; x < img.width(); x += step)
            colours.insert(img.pixel(x, y));
    return int(colours.size());
}
