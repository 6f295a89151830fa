#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace ppl {

// The process-wide intern table behind Labels: every label name and value is stored once and
// referred to by a 32-bit id, so label sets compare and hash as small integer arrays.
// Id 0 is the empty string. Strings are never removed (a lab's label vocabulary is small).
// Thread safety: intern() and lookup() take a mutex and may be called from any thread;
// str() is lock-free for any id the caller obtained from intern(), because entries are
// written before their id is handed out and never move.
class StringTable {
public:
    static quint32 intern(QByteArrayView s);
    // The id of s if it was ever interned, else -1 (never interns; for read-only lookups).
    static qint64 lookup(QByteArrayView s);
    static const QByteArray &str(quint32 id);
    static quint32 size();
};

} // namespace ppl
