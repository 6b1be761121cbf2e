/** Multi-file workspaces shared by the index tests: realistic, small, one concern each. */

export const ERP_CLIENT = `public with sharing class ErpClient {
    public HttpResponse post(String path, String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/' + path);
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(body);
        return new Http().send(req);
    }
}`;

export const ORDER_SERVICE = `public with sharing class OrderService {
    private final ErpClient erp = new ErpClient();

    public void pushToErp(Order ord) {
        HttpResponse res = erp.post('orders', JSON.serialize(ord));
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected order ' + ord.Id);
        }
    }

    public static void pushLater(Id orderId) {
        System.enqueueJob(new ErpPushJob(orderId));
    }
}`;

export const ORDER_REPOSITORY = `public with sharing class OrderRepository {
    public static void markSubmitted(Order ord) {
        ord.Status = 'Submitted';
        update ord;
    }
}`;

export const PUSH_JOB = `public with sharing class ErpPushJob implements Queueable, Database.AllowsCallouts {
    private final Id orderId;

    public ErpPushJob(Id orderId) {
        this.orderId = orderId;
    }

    public void execute(QueueableContext ctx) {
        Order ord = [SELECT Id, Status FROM Order WHERE Id = :orderId];
        new OrderService().pushToErp(ord);
    }
}`;

/** A static helper that makes the ERP callout: the callee the Queueable fixes move. */
export const ERP_SYNC = `public with sharing class ErpSync {
    public static void pushOrder(Id orderId, List<String> lineCodes) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:ERP/orders/' + orderId);
        req.setMethod('POST');
        req.setTimeout(10000);
        req.setBody(JSON.serialize(lineCodes));
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 201) {
            throw new CalloutException('ERP rejected ' + orderId);
        }
    }
}`;
