trigger {{TriggerName}} on {{Event}} (after insert) {
    // A trigger cannot call out; the handler hands the work to a Queueable.
    {{Handler}}.handle(Trigger.new);
}
