package io.dataconnector.camel.component.model;

/** The response examples of the API reference, verbatim (quirks included). */
final class ReferenceExamples {

    static final String PROJECT_ID_LIST_ENCODED
            = "\"[ \\\"ffffffff-1f51-4b26-a6b7-6ac0639cb138\\\", \\\"aaaaaaaa-1f51-4b26-a6b7-6ac0639cb138\\\" ]\"";

    static final String DATA_REQUEST = """
            {
              "id": "ce9bc188-1e18-11eb-adc1-0242ac120002",
              "description": "My Company Data Extract",
              "isActive": true,
              "accountId": "f9abf4c8-1f51-4b26-a6b7-6ac0639cb138",
              "projectId": null,
              "projectIdList": %s,
              "createdBy": "ABCDEFGHI",
              "createdByEmail": "joe.user@mycompany.com",
              "createdAt": "2020-11-06T19:09:40.106Z",
              "updatedBy": "ABCDEFGHI",
              "updatedAt": "2020-11-06T19:09:40.106Z",
              "scheduleInterval": "ONE_TIME",
              "reoccuringInterval": null,
              "effectiveFrom": "2020-11-06T19:09:40.106Z",
              "effectiveTo": "2020-11-12T19:09:40.106Z",
              "lastQueuedAt": null,
              "serviceGroups": [
                "admin",
                "issues"
              ],
              "callbackUrl": "https://api.mycompany.com/autodesk/jobinfo",
              "sendEmail": true,
              "startDate": "2023-06-06T00:00:00.000Z",
              "endDate": "2023-06-06T12:00:00.000Z",
              "dateRange": "LAST_MONTH",
              "projectStatus": "active"
            }
            """.formatted(PROJECT_ID_LIST_ENCODED);

    static final String CREATE_REQUEST_BODY = """
            {
                    "description": "My Company Data Extract",
                    "isActive": true,
                    "scheduleInterval": "ONE_TIME",
                    "reoccuringInterval": null,
                    "effectiveFrom": "2020-11-06T19:09:40.106Z",
                    "effectiveTo": "2020-11-12T19:09:40.106Z",
                    "serviceGroups": [
                      "admin",
                      "issues"
                    ],
                    "callbackUrl": "https://api.mycompany.com/autodesk/jobinfo",
                    "sendEmail": true,
                    "projectId": null,
                    "projectIdList": %s,
                    "startDate": "2023-06-06T00:00:00.000Z",
                    "endDate": "2023-06-06T12:00:00.000Z",
                    "dateRange": "LAST_MONTH",
                    "projectStatus": "active"
            }
            """.formatted(PROJECT_ID_LIST_ENCODED);

    static final String REQUESTS_PAGE = """
            {
              "pagination": {
                "limit": 20,
                "offset": 0,
                "totalResults": 100
              },
              "results": [
            %s
              ]
            }
            """.formatted(DATA_REQUEST);

    static final String JOB = """
            {
              "id": "ce9bc188-1e18-11eb-adc1-0242ac120002",
              "requestId": "a5a8e90f-3dbe-4b08-9b8e-16e8049ce31e",
              "accountId": "f9abf4c8-1f51-4b26-a6b7-6ac0639cb138",
              "projectId": null,
              "projectIdList": %s,
              "createdBy": "ABCDEFGHI",
              "createdByEmail": "joe.user@mycompany.com",
              "createdAt": "2020-11-06T19:09:40.106Z",
              "status": "complete",
              "completionStatus": "success",
              "startedAt": "2020-11-06T19:10:00.106Z",
              "completedAt": "2020-11-06T19:29:40.106Z",
              "sendEmail": true,
              "progress": "",
              "lastDownloadedBy": "joe.user@mycompany.com",
              "lastDownloadedAt": "2021-11-06T19:09:40.106Z",
              "startDate": "2023-06-06T00:00:00.000Z",
              "endDate": "2023-06-06T12:00:00.000Z"
            }
            """.formatted(PROJECT_ID_LIST_ENCODED);

    static final String JOBS_PAGE = """
            {
              "pagination": {
                "limit": 20,
                "offset": 0,
                "totalResults": 100
              },
              "results": [
            %s
              ]
            }
            """.formatted(JOB);

    static final String SIGNED_URL_VALUE = "https://bim360dc-p-ue1-extracts.s3.amazonaws.com/data/"
            + "9be6b2cd-e9e8-4861-aa45-c96668a9f6bd/d023d0cf-b603-4de9-b240-a0e8a85bbf8d/autodesk_data_extract.zip"
            + "?AWSAccessKeyId=ASIAWZ7KRFT5TZSCKIYO&Expires=1604690406&Signature=cb5HR%2FthOATYIAqW41ojbfptMsM%3D"
            + "&x-amz-security-token=IQoJb3JpZ2luX2VjELT%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIHQdYa9Z";

    static final String SIGNED_URL = """
            {
              "size": "123456",
              "name": "admin_companies.csv",
              "signedUrl": "%s"
            }
            """.formatted(SIGNED_URL_VALUE);

    private ReferenceExamples() {
    }
}
