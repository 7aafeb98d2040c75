#pragma once

#include "demo/Demo.h"

#include <QTemporaryDir>

// Demos 1, 2, 3 and 6: child processes, a pipe between them, a timeout, output buffering.

class ParallelDemo final : public Demo
{
    Q_OBJECT
public:
    static constexpr int Children = 5;
    static constexpr int InputBytes = 100;
    static constexpr int CipherBytes = 120;
    ParallelDemo(const DemoInfo &info, QObject *parent) : Demo(info, parent) {}

protected:
    void run() override;
};

class PipeDemo final : public Demo
{
    Q_OBJECT
public:
    static constexpr int Pipelines = 5;
    static constexpr int DigestBytes = 16;
    PipeDemo(const DemoInfo &info, QObject *parent) : Demo(info, parent) {}

protected:
    void run() override;
};

class TimeoutDemo final : public Demo
{
    Q_OBJECT
public:
    static constexpr int TimeoutMs = 100;
    static constexpr int WithinMs = 300; // the check: stopped this soon after starting
    TimeoutDemo(const DemoInfo &info, QObject *parent) : Demo(info, parent) {}

protected:
    void run() override;
};

class BufferingDemo final : public Demo
{
    Q_OBJECT
public:
    static constexpr int Lines = 10;
    static constexpr int IntervalMs = 100;
    BufferingDemo(const DemoInfo &info, QObject *parent) : Demo(info, parent) {}

    // When the first line arrived, as a fraction of the child's run (0 at its start, 1 at
    // its end), for the block-buffered and the line-buffered child of the last run (-1: none).
    double unbufferedFirstLine() const { return m_unbuffered; }
    double bufferedFirstLine() const { return m_buffered; }

protected:
    void run() override;

private:
    double m_unbuffered = -1;
    double m_buffered = -1;
};

// The openssl (or helper) encryption stage of demos 1 and 2, with the password in the
// environment. Empty program when neither exists.
struct EncryptCommand
{
    QString program;
    QStringList arguments;
    bool helper = false;
};
