//! The producer form: where it publishes, its message (routing key, body,
//! headers, properties: persistent, expiration, priority, reply_to,
//! correlation_id, message_id, mandatory) and its schedule (on demand, once,
//! every N ms, a burst).

use yew::prelude::*;

use crate::editor::edits::ProducerField;
use crate::editor::table_text::format_table;
use crate::i18n::{text, Arg, Lang};
use crate::scenario::{MessageTemplate, Scenario, Schedule};

use super::fields::{CheckField, NumberField, SelectField, TextField};
use super::{exchange_options, on, producer, queue_options};
use crate::components::broker::{BrokerPublish, PublishWhat};
use crate::components::canvas::node_actions::NodeActions;
use crate::components::context::{use_editor, use_stage, EditorHandle};

/// Properties of [`ProducerForm`].
#[derive(Properties, PartialEq)]
pub struct ProducerFormProps {
    /// The producer node id.
    pub id: AttrValue,
}

const DAY_MS: i64 = 86_400_000;

/// The producer form.
#[function_component(ProducerForm)]
pub fn producer_form(props: &ProducerFormProps) -> Html {
    let editor = use_editor();
    let stage = use_stage();
    let lang = crate::components::use_lang();
    let s = editor.scenario.clone();
    let id = props.id.to_string();
    let Some(p) = s.producer(&id).cloned() else { return html! {} };
    let body_hint = text(lang, id!("inspector-body-hint"), &[(var!("placeholder"), Arg::from("{n}"))]);
    let sent = stage.runtime.borrow().sim.producer_state(&id).map(|st| st.sent).unwrap_or(0);
    let m = p.message.clone();
    html! {
        <div class="inspector-form">
            <NodeActions id={props.id.clone()} inline=true />
            <p class="live-stats"><span><b>{ sent }</b>{ format!(" {}", t!(lang, "inspector-published")) }</span></p>
            <BrokerPublish what={PublishWhat::Producer(props.id.clone())} />
            <TextField name="name" label={t!(lang, "inspector-name")} value={p.name.clone()}
                on_commit={on(&editor, producer(&id, ProducerField::Name))} />
            <SelectField name="exchange" label={t!(lang, "inspector-publishes-to")} value={AttrValue::from(p.exchange.clone().unwrap_or_default())}
                options={exchange_options(&s, Some(id!("inspector-not-connected")), lang)}
                on_commit={on(&editor, producer(&id, ProducerField::Exchange))} />
            <TextField name="routing_key" label={t!(lang, "inspector-routing-key")} value={m.routing_key.clone()}
                hint={t!(lang, "inspector-producer-key-hint")}
                on_commit={on(&editor, producer(&id, ProducerField::RoutingKey))} />
            <TextField name="body" label={t!(lang, "inspector-body")} value={m.body.clone()} multiline=true hint={body_hint}
                on_commit={on(&editor, producer(&id, ProducerField::Body))} />
            <TextField name="headers" label={t!(lang, "inspector-headers")} value={format_table(&m.headers, &[])} placeholder="format=pdf, type=report"
                hint={t!(lang, "inspector-producer-headers-hint")}
                on_commit={on(&editor, producer(&id, ProducerField::Headers))} />
            { properties_fields(&editor, &s, &id, &p.message, lang) }
            { schedule_fields(&editor, &id, &p.schedule, lang) }
        </div>
    }
}

/// The message's properties.
fn properties_fields(editor: &EditorHandle, s: &Scenario, id: &str, m: &MessageTemplate, lang: Lang) -> Html {
    let numbered = text(lang, id!("inspector-not-set-numbered"), &[(var!("placeholder"), Arg::from("{n}"))]);
    html! {
        <>
            <h3 class="form-heading">{ t!(lang, "inspector-properties") }</h3>
            <div class="field-group">
                <CheckField name="persistent" label={t!(lang, "inspector-persistent")} checked={m.persistent} hint={t!(lang, "inspector-persistent-hint")}
                    on_commit={on(editor, producer(id, ProducerField::Persistent))} />
                <CheckField name="mandatory" label={t!(lang, "inspector-mandatory")} checked={m.mandatory} hint={t!(lang, "inspector-mandatory-hint")}
                    on_commit={on(editor, producer(id, ProducerField::Mandatory))} />
            </div>
            <TextField name="expiration" label={t!(lang, "inspector-expiration")} value={m.expiration.clone().unwrap_or_default()} placeholder={t!(lang, "inspector-not-set")}
                on_commit={on(editor, producer(id, ProducerField::Expiration))} />
            <NumberField name="priority" label={t!(lang, "inspector-priority")} value={m.priority.map(|v| v as i64)} min={0} max={255} optional=true
                hint={t!(lang, "inspector-priority-hint")}
                on_commit={on(editor, producer(id, ProducerField::Priority))} />
            <SelectField name="reply_to_queue" label={t!(lang, "inspector-reply-to-queue")} value={AttrValue::from(m.reply_to_queue.clone().unwrap_or_default())}
                options={queue_options(s, Some(id!("inspector-none")), lang)} hint={t!(lang, "inspector-reply-to-queue-hint")}
                on_commit={on(editor, producer(id, ProducerField::ReplyToQueue))} />
            <TextField name="reply_to" label={t!(lang, "inspector-reply-to")} value={m.reply_to.clone().unwrap_or_default()} placeholder={t!(lang, "inspector-not-set")}
                on_commit={on(editor, producer(id, ProducerField::ReplyTo))} />
            <TextField name="correlation_id" label="correlation_id" value={m.correlation_id.clone().unwrap_or_default()} placeholder={numbered.clone()}
                on_commit={on(editor, producer(id, ProducerField::CorrelationId))} />
            <TextField name="message_id" label="message_id" value={m.message_id.clone().unwrap_or_default()} placeholder={numbered}
                on_commit={on(editor, producer(id, ProducerField::MessageId))} />
        </>
    }
}

/// The schedule: its kind, and the timings of that kind.
fn schedule_fields(editor: &EditorHandle, id: &str, schedule: &Schedule, lang: Lang) -> Html {
    let kind = match schedule {
        Schedule::Manual => "manual",
        Schedule::Once { .. } => "once",
        Schedule::Every { .. } => "every",
        Schedule::Burst { .. } => "burst",
    };
    let kinds: Vec<(AttrValue, AttrValue)> = ["manual", "once", "every", "burst"]
        .iter()
        .map(|k| {
            (
                AttrValue::from(*k),
                AttrValue::from(text(lang, id!("inspector-schedule-kind"), &[(var!("kind"), Arg::from(*k))])),
            )
        })
        .collect();
    let messages = t!(lang, "inspector-unit-messages");
    let timings = match schedule.clone() {
        Schedule::Manual => html! {},
        Schedule::Once { at_ms } => html! {
            <NumberField name="at_ms" label={t!(lang, "inspector-at")} value={Some(at_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                on_commit={on(editor, producer(id, ProducerField::AtMs))} />
        },
        Schedule::Every { every_ms, start_ms, count, batch } => html! {
            <>
                <NumberField name="every_ms" label={t!(lang, "inspector-every")} value={Some(every_ms as i64)} min={10} max={DAY_MS} unit="ms"
                    on_commit={on(editor, producer(id, ProducerField::EveryMs))} />
                <NumberField name="start_ms" label={t!(lang, "inspector-starting-at")} value={Some(start_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                    on_commit={on(editor, producer(id, ProducerField::StartMs))} />
                <NumberField name="count" label={t!(lang, "inspector-how-many")} value={count.map(|c| c as i64)} min={1} max={1_000_000} optional=true
                    hint={t!(lang, "inspector-how-many-hint")}
                    on_commit={on(editor, producer(id, ProducerField::Count))} />
                <NumberField name="batch" label={t!(lang, "inspector-per-tick")} value={Some(batch as i64)} min={1} max={10_000} unit={messages}
                    hint={t!(lang, "inspector-per-tick-hint")}
                    on_commit={on(editor, producer(id, ProducerField::Batch))} />
            </>
        },
        Schedule::Burst { count, at_ms } => html! {
            <>
                <NumberField name="burst_count" label={t!(lang, "inspector-how-many")} value={Some(count as i64)} min={1} max={10_000}
                    on_commit={on(editor, producer(id, ProducerField::BurstCount))} />
                <NumberField name="at_ms" label={t!(lang, "inspector-at")} value={Some(at_ms as i64)} min={0} max={DAY_MS * 365} unit="ms"
                    on_commit={on(editor, producer(id, ProducerField::AtMs))} />
            </>
        },
    };
    html! {
        <>
            <h3 class="form-heading">{ t!(lang, "inspector-schedule") }</h3>
            <SelectField name="schedule" label={t!(lang, "inspector-publishes")} value={AttrValue::from(kind)} options={kinds}
                on_commit={on(editor, producer(id, ProducerField::Schedule))} />
            { timings }
        </>
    }
}
