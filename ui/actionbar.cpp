#include "actionbar.h"

#include <QAction>
#include <QFrame>
#include <QLayout>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <vector>

namespace ppl {

namespace {

// Lays items out left to right and starts a new row when the next one would not fit.
class WrappingLayout : public QLayout {
public:
    explicit WrappingLayout(QWidget *parent)
        : QLayout(parent) {
        setContentsMargins(2, 2, 2, 2);
        setSpacing(2);
    }
    ~WrappingLayout() override {
        while (QLayoutItem *item = takeAt(0))
            delete item;
    }

    void addItem(QLayoutItem *item) override { m_items.push_back(item); }
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int i) const override {
        return i >= 0 && i < count() ? m_items[size_t(i)] : nullptr;
    }
    QLayoutItem *takeAt(int i) override {
        if (i < 0 || i >= count())
            return nullptr;
        QLayoutItem *item = m_items[size_t(i)];
        m_items.erase(m_items.begin() + i);
        return item;
    }
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override {
        return arrange(QRect(0, 0, width, 0), false).height;
    }
    void setGeometry(const QRect &rect) override {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }
    QSize sizeHint() const override { return minimumSize(); }
    QSize minimumSize() const override {
        QSize size;
        for (const QLayoutItem *item : m_items)
            size = size.expandedTo(item->minimumSize());
        const QMargins m = contentsMargins();
        return size + QSize(m.left() + m.right(), m.top() + m.bottom());
    }
    int rows() const { return arrange(geometry(), false).rows; }

private:
    struct Result {
        int height = 0;
        int rows = 0;
    };
    Result arrange(const QRect &rect, bool apply) const {
        const QMargins m = contentsMargins();
        const QRect area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom());
        int x = area.x(), y = area.y(), rowHeight = 0, rows = m_items.empty() ? 0 : 1;
        for (QLayoutItem *item : m_items) {
            if (item->isEmpty())
                continue;
            const QSize hint = item->sizeHint();
            if (x > area.x() && x + hint.width() > area.right() + 1) { // next row
                x = area.x();
                y += rowHeight + spacing();
                rowHeight = 0;
                ++rows;
            }
            if (apply)
                item->setGeometry(QRect(QPoint(x, y), hint));
            x += hint.width() + spacing();
            rowHeight = std::max(rowHeight, hint.height());
        }
        return {y + rowHeight - rect.y() + m.bottom(), rows};
    }

    std::vector<QLayoutItem *> m_items;
};

} // namespace

ActionBar::ActionBar(QWidget *parent)
    : QWidget(parent) {
    new WrappingLayout(this);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ActionBar::addAction(QAction *action) {
    auto *button = new QToolButton;
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus); // keys go to the tables; the actions have shortcuts
    layout()->addWidget(button);
}

void ActionBar::addActions(const QList<QAction *> &actions) {
    for (QAction *a : actions)
        addAction(a);
}

void ActionBar::addSeparator() {
    auto *line = new QFrame;
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    line->setFixedWidth(8);
    layout()->addWidget(line);
}

void ActionBar::addWidget(QWidget *widget) {
    layout()->addWidget(widget);
}

int ActionBar::rowCount() const {
    return static_cast<const WrappingLayout *>(layout())->rows();
}

} // namespace ppl
