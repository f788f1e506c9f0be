#include <lamina/core/Error.h>
#include <lamina/pluginhost/PluginDescription.h>

#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

[[noreturn]] void refuse(const QString& what) {
    throw Error(ErrorKind::InvalidArgument, "plugin metadata", what.toStdString());
}

QString requiredText(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().trimmed().isEmpty())
        refuse(QStringLiteral("\"%1\" is missing or not text").arg(QLatin1String(key)));
    return v.toString().trimmed();
}

PluginParameter parameterFrom(const QJsonValue& value) {
    if (!value.isObject())
        refuse(QStringLiteral("a parameter is not an object"));
    const QJsonObject o = value.toObject();
    PluginParameter p;
    p.name = requiredText(o, "name");
    p.label = o.value(QStringLiteral("label")).toString(p.name);
    p.help = o.value(QStringLiteral("help")).toString();
    const QString type = requiredText(o, "type");
    static const std::map<QString, PluginParameter::Type> kTypes = {
        {QStringLiteral("number"), PluginParameter::Type::Number},
        {QStringLiteral("integer"), PluginParameter::Type::Integer},
        {QStringLiteral("choice"), PluginParameter::Type::Choice},
        {QStringLiteral("bool"), PluginParameter::Type::Boolean},
        {QStringLiteral("file"), PluginParameter::Type::FilePath},
        {QStringLiteral("text"), PluginParameter::Type::Text}};
    const auto t = kTypes.find(type);
    if (t == kTypes.end())
        refuse(QStringLiteral("parameter \"%1\": unknown type \"%2\" (number, integer, choice, "
                              "bool, file, text)")
                   .arg(p.name, type));
    p.type = t->second;
    if (o.value(QStringLiteral("min")).isDouble())
        p.minimum = o.value(QStringLiteral("min")).toDouble();
    if (o.value(QStringLiteral("max")).isDouble())
        p.maximum = o.value(QStringLiteral("max")).toDouble();
    if (p.minimum && p.maximum && *p.minimum > *p.maximum)
        refuse(QStringLiteral("parameter \"%1\": min above max").arg(p.name));
    for (const QJsonValue c : o.value(QStringLiteral("choices")).toArray())
        p.choices << c.toString();
    if (p.type == PluginParameter::Type::Choice && p.choices.isEmpty())
        refuse(QStringLiteral("parameter \"%1\": a choice without choices").arg(p.name));
    p.defaultValue = o.value(QStringLiteral("default")).toVariant();
    if (p.defaultValue.isNull() && p.type != PluginParameter::Type::FilePath)
        refuse(QStringLiteral("parameter \"%1\": no default").arg(p.name));
    if (const QJsonValue when = o.value(QStringLiteral("enabledWhen")); !when.isUndefined()) {
        const QJsonObject condition = when.toObject();
        if (!when.isObject() || condition.size() != 1)
            refuse(QStringLiteral("parameter \"%1\": \"enabledWhen\" must name one parameter")
                       .arg(p.name));
        p.enabledWhenParameter = condition.begin().key();
        const QJsonValue values = condition.begin().value();
        if (values.isArray())
            for (const QJsonValue v : values.toArray())
                p.enabledWhenValues << v.toVariant().toString();
        else
            p.enabledWhenValues << values.toVariant().toString();
    }
    return p;
}

// `text` as the parameter's type, checked against its rules.
QVariant valueFor(const PluginParameter& p, const QVariant& raw) {
    const auto bad = [&](const QString& why) {
        throw Error(ErrorKind::InvalidArgument, p.name.toStdString(), why.toStdString());
    };
    switch (p.type) {
    case PluginParameter::Type::Number:
    case PluginParameter::Type::Integer: {
        bool ok = false;
        const double v = raw.toString().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v))
            bad(QStringLiteral("\"%1\" is not a number").arg(raw.toString()));
        if (p.type == PluginParameter::Type::Integer && v != std::floor(v))
            bad(QStringLiteral("%1 is not a whole number").arg(v));
        if ((p.minimum && v < *p.minimum) || (p.maximum && v > *p.maximum))
            bad(QStringLiteral("%1 is outside %2 … %3")
                    .arg(v)
                    .arg(p.minimum.value_or(-INFINITY))
                    .arg(p.maximum.value_or(INFINITY)));
        return p.type == PluginParameter::Type::Integer ? QVariant(qlonglong(v)) : QVariant(v);
    }
    case PluginParameter::Type::Choice:
        if (!p.choices.contains(raw.toString()))
            bad(QStringLiteral("\"%1\" is not one of %2")
                    .arg(raw.toString(), p.choices.join(QStringLiteral(", "))));
        return raw.toString();
    case PluginParameter::Type::Boolean: {
        const QString t = raw.toString().trimmed().toLower();
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes"))
            return true;
        if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no"))
            return false;
        bad(QStringLiteral("\"%1\" is not true or false").arg(raw.toString()));
        return {};
    }
    case PluginParameter::Type::Text:
        if (raw.toString().size() > 4096)
            bad(QStringLiteral("longer than 4096 characters"));
        return raw.toString();
    case PluginParameter::Type::FilePath:
        if (!QFileInfo(raw.toString()).isFile())
            bad(QStringLiteral("no such file: %1").arg(raw.toString()));
        return raw.toString();
    }
    return {};
}

} // namespace

PluginDescription PluginDescription::parse(const QJsonObject& o) {
    PluginDescription d;
    d.id = requiredText(o, "id");
    d.name = requiredText(o, "name");
    d.version = requiredText(o, "version");
    d.description = o.value(QStringLiteral("description")).toString();
    if (!o.value(QStringLiteral("sdkVersion")).isDouble())
        refuse(QStringLiteral("\"sdkVersion\" is missing or not a number"));
    d.sdkVersion = o.value(QStringLiteral("sdkVersion")).toInt();
    const QJsonValue parameters = o.value(QStringLiteral("parameters"));
    if (!parameters.isUndefined() && !parameters.isArray())
        refuse(QStringLiteral("\"parameters\" is not a list"));
    for (const QJsonValue p : parameters.toArray())
        d.parameters.push_back(parameterFrom(p));
    for (const PluginParameter& p : d.parameters) {
        if (p.enabledWhenParameter.isEmpty())
            continue;
        const auto controller =
            std::find_if(d.parameters.begin(), d.parameters.end(), [&](const PluginParameter& c) {
                return c.name == p.enabledWhenParameter;
            });
        if (controller == d.parameters.end() ||
            (controller->type != PluginParameter::Type::Choice &&
             controller->type != PluginParameter::Type::Boolean))
            refuse(QStringLiteral("parameter \"%1\": \"enabledWhen\" names \"%2\", which is not "
                                  "a choice or bool parameter")
                       .arg(p.name, p.enabledWhenParameter));
    }
    for (const QJsonValue r : o.value(QStringLiteral("ratios")).toArray()) {
        const QJsonObject ratio = r.toObject();
        PluginRatio derived;
        derived.name = requiredText(ratio, "name");
        derived.numerator = requiredText(ratio, "numerator");
        derived.denominator = requiredText(ratio, "denominator");
        derived.scale = ratio.value(QStringLiteral("scale")).toDouble(1);
        d.ratios.push_back(derived);
    }
    return d;
}

QVariantMap
PluginDescription::resolveParameters(const std::map<std::string, std::string>& given) const {
    for (const auto& entry : given)
        if (std::none_of(parameters.begin(), parameters.end(), [&](const PluginParameter& p) {
                return p.name.toStdString() == entry.first;
            }))
            throw Error(ErrorKind::InvalidArgument, entry.first,
                        "not a parameter of " + id.toStdString());
    QVariantMap out;
    for (const PluginParameter& p : parameters) {
        const auto it = given.find(p.name.toStdString());
        if (it != given.end())
            out[p.name] = valueFor(p, QString::fromStdString(it->second));
        else if (!p.defaultValue.isNull() && !(p.type == PluginParameter::Type::FilePath &&
                                               p.defaultValue.toString().isEmpty()))
            out[p.name] = valueFor(p, p.defaultValue);
        else if (p.type == PluginParameter::Type::FilePath)
            throw Error(ErrorKind::InvalidArgument, p.name.toStdString(),
                        "a file is needed (--param " + p.name.toStdString() + "=PATH)");
    }
    return out;
}

} // namespace lamina
