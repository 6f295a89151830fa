#include "queryeditor.h"

#include "promqlhighlighter.h"
#include "query/functions.h"
#include "storage/seriesstore.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStandardItemModel>

#include <set>

namespace ppl {

namespace {

constexpr int WordRole = Qt::UserRole + 1;

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char(':');
}

// The character index of a byte offset into text's UTF-8.
int charIndexOfByte(const QString &text, int byte) {
    int bytes = 0;
    for (int i = 0; i < text.size(); ++i) {
        if (bytes >= byte)
            return i;
        const bool pair = text[i].isHighSurrogate() && i + 1 < text.size();
        bytes += text.mid(i, pair ? 2 : 1).toUtf8().size();
        if (pair)
            ++i;
    }
    return int(text.size());
}

} // namespace

QueryEditor::QueryEditor(SeriesStore *store, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_store(store)
    , m_highlighter(new PromqlHighlighter(document()))
    , m_completer(new QCompleter(this))
    , m_model(new QStandardItemModel(this)) {
    setTabChangesFocus(true);
    setPlaceholderText(tr("Expression (press Ctrl+Return to execute, Ctrl+Space to complete)"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    setFont(mono);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // About three lines high; grows with the dock.
    setMinimumHeight(fontMetrics().lineSpacing() * 3 + 12);
    setAccessibleName(tr("PromQL expression"));

    m_completer->setModel(m_model);
    m_completer->setWidget(this);
    m_completer->setCompletionRole(WordRole);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &QueryEditor::insertCompletion);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (m_error.first >= 0)
            clearError(); // the marked text is being edited: the old position no longer holds
    });
}

void QueryEditor::setExpression(const QString &text) {
    setPlainText(text);
    moveCursor(QTextCursor::End);
}

void QueryEditor::markError(int startByte, int endByte) {
    const QString text = toPlainText();
    int from = charIndexOfByte(text, startByte);
    int to = charIndexOfByte(text, std::max(startByte, endByte));
    if (to <= from)
        to = from + 1; // at least one character (or the position after the end)
    m_error = {from, to};
    applySelections();
}

void QueryEditor::clearError() {
    m_error = {-1, -1};
    applySelections();
}

void QueryEditor::applySelections() {
    QList<QTextEdit::ExtraSelection> selections;
    if (m_error.first >= 0) {
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(document());
        const int length = int(toPlainText().size());
        if (m_error.first >= length) {
            // The error is at the end (an unexpected end of input): mark the last character.
            sel.cursor.setPosition(std::max(0, length - 1));
            sel.cursor.setPosition(length, QTextCursor::KeepAnchor);
        } else {
            sel.cursor.setPosition(m_error.first);
            sel.cursor.setPosition(std::min(m_error.second, length), QTextCursor::KeepAnchor);
        }
        sel.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        sel.format.setUnderlineColor(QColor(0xc6, 0x28, 0x28));
        sel.format.setBackground(QColor(0xfd, 0xe0, 0xdc));
        selections << sel;
    }
    setExtraSelections(selections);
}

QueryEditor::Context QueryEditor::contextAtCursor(QString *prefix, QByteArray *metric,
                                                  QByteArray *label) const {
    const QString before = toPlainText().left(textCursor().position());
    // Where braces and strings are open at the cursor.
    int braceAt = -1;
    int stringAt = -1;
    QChar quote;
    for (int i = 0; i < before.size(); ++i) {
        const QChar c = before[i];
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\') && quote != QLatin1Char('`'))
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            quote = c;
            stringAt = i;
        } else if (c == QLatin1Char('{')) {
            braceAt = i;
        } else if (c == QLatin1Char('}')) {
            braceAt = -1;
        } else if (c == QLatin1Char('#')) {
            break; // a comment: nothing to complete
        }
    }
    auto wordBefore = [&before](int end) {
        int start = end;
        while (start > 0 && isWordChar(before[start - 1]))
            --start;
        return before.mid(start, end - start);
    };
    if (braceAt >= 0) {
        *metric = wordBefore(braceAt).toUtf8();
        if (!quote.isNull()) {
            *prefix = before.mid(stringAt + 1);
            // The label name before the operator before the quote.
            int j = stringAt;
            while (j > 0 && QStringLiteral("=!~ ").contains(before[j - 1]))
                --j;
            *label = wordBefore(j).toUtf8();
            return Context::LabelValue;
        }
        *prefix = wordBefore(int(before.size()));
        return Context::LabelName;
    }
    *prefix = quote.isNull() ? wordBefore(int(before.size())) : QString();
    return Context::Expression;
}

void QueryEditor::fillModel(Context context, const QByteArray &metric, const QByteArray &label) {
    m_model->clear();
    auto add = [this](const QString &word, const QString &description) {
        auto *item = new QStandardItem(
            description.isEmpty() ? word : word + QStringLiteral("  — ") + description);
        item->setData(word, WordRole);
        item->setToolTip(description);
        m_model->appendRow(item);
    };
    if (!m_store)
        return;
    std::vector<LabelMatcher> byName;
    if (!metric.isEmpty())
        byName.push_back(*LabelMatcher::create(LabelMatcher::Op::Equal, "__name__", metric));
    if (context == Context::LabelName) {
        std::set<QByteArray> names;
        if (metric.isEmpty()) {
            for (const QByteArray &n : m_store->labelNames())
                names.insert(n);
        } else {
            for (auto id : m_store->select(byName)) {
                const Labels &l = m_store->labels(id);
                for (int i = 0; i < l.size(); ++i)
                    names.insert(l.name(i));
            }
        }
        names.erase("__name__");
        for (const QByteArray &n : names)
            add(QString::fromUtf8(n), QString());
        return;
    }
    if (context == Context::LabelValue) {
        std::set<QByteArray> values;
        if (metric.isEmpty()) {
            for (const QByteArray &v : m_store->labelValues(label))
                values.insert(v);
        } else {
            for (auto id : m_store->select(byName)) {
                const QByteArray v = m_store->labels(id).value(label);
                if (!v.isEmpty())
                    values.insert(v);
            }
        }
        for (const QByteArray &v : values)
            add(QString::fromUtf8(v), QString());
        return;
    }
    for (const QByteArray &n : query::aggregationNames())
        add(QString::fromUtf8(n), query::functionDescription(n));
    for (const QByteArray &n : query::functionNames()) {
        if (n.startsWith("histogram_") && n != "histogram_quantile")
            continue; // native histograms: not stored by the lab
        add(QString::fromUtf8(n), query::functionDescription(n));
    }
    for (const QByteArray &n : m_store->labelValues("__name__"))
        add(QString::fromUtf8(n), QString());
}

QStringList QueryEditor::completionsAtCursor() {
    QString prefix;
    QByteArray metric;
    QByteArray label;
    const Context c = contextAtCursor(&prefix, &metric, &label);
    fillModel(c, metric, label);
    QStringList out;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString w = m_model->item(r)->data(WordRole).toString();
        if (w.startsWith(prefix, Qt::CaseInsensitive))
            out << w;
    }
    return out;
}

void QueryEditor::showCompletion(bool force) {
    QString prefix;
    QByteArray metric;
    QByteArray label;
    const Context c = contextAtCursor(&prefix, &metric, &label);
    if (!force && prefix.isEmpty() && c != Context::LabelValue) {
        m_completer->popup()->hide();
        return;
    }
    fillModel(c, metric, label);
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 && m_completer->currentCompletion() == prefix)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect r = cursorRect();
    r.setWidth(std::max(360, m_completer->popup()->sizeHintForColumn(0) +
                                 m_completer->popup()->verticalScrollBar()->sizeHint().width()));
    m_completer->complete(r);
}

void QueryEditor::insertCompletion(const QString &word) {
    QString prefix;
    QByteArray metric;
    QByteArray label;
    contextAtCursor(&prefix, &metric, &label);
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefix.size()));
    cursor.insertText(word);
    setTextCursor(cursor);
}

bool QueryEditor::event(QEvent *event) {
    // Ctrl+Return is also the window's "Apply configuration" shortcut: in the expression
    // editor it executes the expression, so the editor claims it before the shortcut does.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->modifiers() & Qt::ControlModifier) &&
            (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
             key->key() == Qt::Key_Space)) {
            event->accept();
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void QueryEditor::keyPressEvent(QKeyEvent *event) {
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (ctrl && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        m_completer->popup()->hide();
        emit executeRequested();
        return;
    }
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Tab:
        case Qt::Key_Escape:
        case Qt::Key_Backtab:
            event->ignore(); // the completer's popup takes these
            return;
        default:
            break;
        }
    }
    if (ctrl && event->key() == Qt::Key_Space) {
        showCompletion(true);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    const QString typed = event->text();
    if (!typed.isEmpty() && (isWordChar(typed.back()) || typed.back() == QLatin1Char('"') ||
                             typed.back() == QLatin1Char('{') || typed.back() == QLatin1Char(',')))
        showCompletion(typed.back() == QLatin1Char('{') || typed.back() == QLatin1Char(','));
    else if (event->key() == Qt::Key_Backspace && m_completer->popup()->isVisible())
        showCompletion(false);
    else if (!typed.isEmpty())
        m_completer->popup()->hide();
}

} // namespace ppl
