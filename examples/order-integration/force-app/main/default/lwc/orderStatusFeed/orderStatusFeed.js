import { LightningElement, api } from 'lwc';
import { subscribe, unsubscribe, onError, isEmpEnabled } from 'lightning/empApi';

// Published by OrderEventPublisher.
const CHANNEL = '/event/Order_Event__e';
// -1: only events published from now on, no replay of older ones.
const REPLAY_NEW_EVENTS = -1;
const MAX_UPDATES = 20;

/**
 * Shows status changes of the current order as they happen, streamed from
 * the Order_Event__e platform event.
 */
export default class OrderStatusFeed extends LightningElement {
    /** Set on a record page; elsewhere every record's changes are shown. */
    @api recordId;

    updates = [];
    error;
    subscription;
    connected = false;

    get hasUpdates() {
        return this.updates.length > 0;
    }

    connectedCallback() {
        this.connected = true;
        onError((error) => {
            this.error = 'Live updates stopped: ' + JSON.stringify(error);
        });
        this.subscribeToStatus();
    }

    disconnectedCallback() {
        this.connected = false;
        this.release();
    }

    async subscribeToStatus() {
        try {
            if (!(await isEmpEnabled())) {
                this.error = 'Live updates are not available here.';
                return;
            }
            this.subscription = await subscribe(CHANNEL, REPLAY_NEW_EVENTS, (message) => this.handleMessage(message));
            // Removed from the page while subscribing: do not keep listening.
            if (!this.connected) {
                this.release();
            }
        } catch (e) {
            this.error = 'Could not subscribe to live updates: ' + (e && e.message ? e.message : JSON.stringify(e));
        }
    }

    release() {
        if (this.subscription) {
            unsubscribe(this.subscription, () => {});
            this.subscription = undefined;
        }
    }

    handleMessage(message) {
        const payload = message && message.data && message.data.payload;
        if (!payload || (this.recordId && payload.Order_Id__c !== this.recordId)) {
            return;
        }
        const update = {
            key: String(message.data.event.replayId),
            status: payload.Status__c,
            time: payload.CreatedDate
        };
        this.updates = [update, ...this.updates].slice(0, MAX_UPDATES);
    }
}
