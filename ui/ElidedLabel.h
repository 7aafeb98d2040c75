#pragma once

#include <QLabel>

// A one-line label that never widens its window: a text too long for it is elided at the end
// ("…"), and the whole text is in its tooltip. text() is always the whole text.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)
public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    QSize minimumSizeHint() const override;
    bool isElided() const;

protected:
    void paintEvent(QPaintEvent *event) override;
};
