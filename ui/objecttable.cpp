#include "objecttable.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QHelpEvent>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

namespace ppl {

namespace {

// Elides each cell as its model asks (ElideModeRole), in the middle otherwise, and shows a
// cell's whole text as its tooltip when it was cut and the model has no tooltip of its own.
class ElidingDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant mode = index.data(ElideModeRole);
        option->textElideMode = mode.isValid() ? Qt::TextElideMode(mode.toInt()) : Qt::ElideMiddle;
        option->features &= ~QStyleOptionViewItem::WrapText;
    }

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override {
        if (event->type() == QEvent::ToolTip && !index.data(Qt::ToolTipRole).isValid()) {
            const QString text = index.data(Qt::DisplayRole).toString();
            if (!text.isEmpty() && sizeHint(option, index).width() > option.rect.width()) {
                QToolTip::showText(event->globalPos(), text, view, option.rect);
                return true;
            }
        }
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    }
};

} // namespace

void fitObjectTableColumns(QTableView *view) {
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    QHeaderView *header = view->horizontalHeader();
    const int columns = model->columnCount();
    // A wide column may take up to 45 % of the table (at least 12 characters): a long URL
    // or grouping key is elided rather than pushing every other column out of sight.
    const int cap = std::max(view->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 12,
                             int(view->viewport()->width() * 0.45));
    for (int c = 0; c + 1 < columns; ++c) {
        if (view->isColumnHidden(c))
            continue;
        const int content = std::max(
            static_cast<const QAbstractItemView *>(view)->sizeHintForColumn(c), // public there
            header->sectionSizeHint(c));
        header->resizeSection(c, std::min(content, cap));
    }
}

void setUpObjectTable(QTableView *view, QAbstractItemModel *model) {
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->setItemDelegate(new ElidingDelegate(view));
    // Rows arrive in bursts (a scenario opens, pods appear): one fit after the burst.
    auto *fit = new QTimer(view);
    fit->setSingleShot(true);
    fit->setInterval(150);
    QObject::connect(fit, &QTimer::timeout, view, [view] { fitObjectTableColumns(view); });
    const auto later = [fit] { fit->start(); };
    QObject::connect(model, &QAbstractItemModel::modelReset, fit, later);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, fit, later);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, fit, later);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, fit, later);
    // Shown or resized: the cap moved with the table's width.
    struct Refit : QObject {
        QTimer *timer;
        explicit Refit(QTimer *t, QObject *parent)
            : QObject(parent)
            , timer(t) {}
        bool eventFilter(QObject *, QEvent *e) override {
            if (e->type() == QEvent::Show || e->type() == QEvent::Resize)
                timer->start();
            return false;
        }
    };
    view->viewport()->installEventFilter(new Refit(fit, view));
    fit->start();
}

} // namespace ppl
