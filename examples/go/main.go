// The order-processing example in Go: the same system as
// examples/order-processing (TypeScript) and examples/python, synthesized for
// AWS (CloudFormation) and for Azure and Google Cloud (Terraform) through the Go
// module that `npm run package` generates into dist/go/cirrusconstructs.
//
//	go run . <cdk.out dir> <cdktf.out dir>
//
// It prints one JSON line with the time spent loading the libraries and
// synthesizing. scripts/go-e2e.sh builds it and compares its output with the
// TypeScript one.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cirrus-dev/cirrus-constructs-go/cirrusconstructs"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// handlers is the TypeScript example's handler folder, so all languages package the same code.
func handlers() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "order-processing", "handlers", "orders")
}

// defineOrderProcessing declares the order-processing system once: one HTTPS API
// (POST /orders, GET /invoices/{orderId}) in front of two functions, the order
// function kept warm, a queue of orders with a dead-letter queue, and a weekday
// reconciliation job. scope is an aws-cdk-lib Stack, an AzureStack or a GcpStack;
// GCP budgets also need the billing account.
func defineOrderProcessing(scope constructs.Construct, billingAccountID *string) {
	code := cirrusconstructs.FunctionCode_FromAsset(jsii.String(handlers()))
	// One entry point for the system's routes, PRIVATE (AWS IAM, an API Management subscription key,
	// a Google ID token); ContactEmail is API Management's publisher email on Azure.
	api := cirrusconstructs.NewHttpApi(scope, jsii.String("OrdersApi"), &cirrusconstructs.HttpApiProps{ContactEmail: jsii.String("ops@example.com")})
	// Orders accepted over HTTP wait in a queue (with a dead-letter queue after 5 attempts) for the same function.
	orders := cirrusconstructs.NewEventQueue(scope, jsii.String("Orders"), &cirrusconstructs.EventQueueProps{MaxDeliveryAttempts: jsii.Number(5)})

	processOrder := cirrusconstructs.NewEventDrivenFunction(scope, jsii.String("ProcessOrder"), &cirrusconstructs.EventDrivenFunctionProps{
		Runtime:          cirrusconstructs.FunctionRuntime_NODEJS_22(),
		Code:             code,
		Handler:          jsii.String("index.handler"),
		HandlerApi:       cirrusconstructs.HandlerApi_PORTABLE,
		Description:      jsii.String("Accepts orders over HTTP and processes them from the order queue"),
		MemoryMb:         jsii.Number(2048),
		TimeoutSeconds:   jsii.Number(30),
		MaxConcurrency:   jsii.Number(50),
		LogRetentionDays: jsii.Number(30),
		Environment:      &map[string]*string{"ORDERS_TABLE": jsii.String("orders")},
		ExpectedLoad:     &cirrusconstructs.FunctionLoad{MonthlyInvocations: jsii.Number(5_000_000), AverageDurationMs: jsii.Number(100)},
		Triggers: &[]cirrusconstructs.Trigger{
			cirrusconstructs.Trigger_Http(&cirrusconstructs.HttpTriggerOptions{
				Api: api, Path: jsii.String("/orders"), Methods: &[]cirrusconstructs.HttpMethod{cirrusconstructs.HttpMethod_POST},
			}),
			cirrusconstructs.Trigger_Queue(&cirrusconstructs.QueueTriggerOptions{Queue: orders, BatchSize: jsii.Number(10)}),
		},
	})
	orders.GrantSend(processOrder)

	// Warm capacity for the order API, planned from its peak load:
	// 50 req/s x 0.1 s / 0.7 target utilisation = 7.1, so 8 warm instances.
	cirrusconstructs.NewProvisionedWarmPool(scope, jsii.String("ProcessOrderWarmPool"), &cirrusconstructs.ProvisionedWarmPoolProps{
		Function:     processOrder,
		Load:         &cirrusconstructs.WarmPoolLoad{PeakRequestsPerSecond: jsii.Number(50), AverageDurationMs: jsii.Number(100)},
		MaxInstances: jsii.Number(40),
	})

	reconcile := cirrusconstructs.NewEventDrivenFunction(scope, jsii.String("Reconcile"), &cirrusconstructs.EventDrivenFunctionProps{
		Runtime:        cirrusconstructs.FunctionRuntime_NODEJS_22(),
		Code:           code,
		Handler:        jsii.String("index.handler"),
		HandlerApi:     cirrusconstructs.HandlerApi_PORTABLE,
		Description:    jsii.String("Reconciles orders with payments on weekday mornings"),
		TimeoutSeconds: jsii.Number(300),
		Triggers: &[]cirrusconstructs.Trigger{
			cirrusconstructs.Trigger_Schedule(
				cirrusconstructs.Schedule_Cron(&cirrusconstructs.CronOptions{Minute: jsii.String("0"), Hour: jsii.String("9"), WeekDay: jsii.String("MON-FRI")}),
				&cirrusconstructs.ScheduleTriggerOptions{Description: jsii.String("Weekday reconciliation")},
			),
		},
	})

	// Order events fan out over a topic: inventory and customer notification each
	// get every event, through a subscription and a dead-letter path of their own.
	orderEvents := cirrusconstructs.NewEventTopic(scope, jsii.String("OrderEvents"))
	orderEvents.GrantPublish(processOrder)
	for _, id := range []string{"UpdateInventory", "NotifyCustomer"} {
		cirrusconstructs.NewEventDrivenFunction(scope, jsii.String(id), &cirrusconstructs.EventDrivenFunctionProps{
			Runtime:     cirrusconstructs.FunctionRuntime_NODEJS_22(),
			Code:        code,
			Handler:     jsii.String("index.handler"),
			HandlerApi:  cirrusconstructs.HandlerApi_PORTABLE,
			Description: jsii.String(id + " for every order event"),
			Triggers: &[]cirrusconstructs.Trigger{
				cirrusconstructs.Trigger_Topic(&cirrusconstructs.TopicTriggerOptions{Topic: orderEvents}),
			},
		})
	}

	// Invoices the order API writes are archived as they arrive, and served on the API.
	invoices := cirrusconstructs.NewEventBucket(scope, jsii.String("Invoices"))
	invoices.GrantWrite(processOrder)
	archiveInvoice := cirrusconstructs.NewEventDrivenFunction(scope, jsii.String("ArchiveInvoice"), &cirrusconstructs.EventDrivenFunctionProps{
		Runtime:     cirrusconstructs.FunctionRuntime_NODEJS_22(),
		Code:        code,
		Handler:     jsii.String("index.handler"),
		HandlerApi:  cirrusconstructs.HandlerApi_PORTABLE,
		Description: jsii.String("Archives each new invoice and serves it"),
		Triggers: &[]cirrusconstructs.Trigger{
			cirrusconstructs.Trigger_Storage(&cirrusconstructs.StorageTriggerOptions{Bucket: invoices, Prefix: jsii.String("invoices/")}),
			cirrusconstructs.Trigger_Http(&cirrusconstructs.HttpTriggerOptions{
				Api: api, Path: jsii.String("/invoices/{orderId}"), Methods: &[]cirrusconstructs.HttpMethod{cirrusconstructs.HttpMethod_GET},
			}),
		},
	})
	invoices.GrantRead(archiveInvoice)

	// A monthly budget with the default thresholds; past 100 % of actual spend
	// the reconciliation job is stopped.
	cirrusconstructs.NewCostBudgetGuard(scope, jsii.String("Budget"), &cirrusconstructs.CostBudgetGuardProps{
		MonthlyLimitUsd:  jsii.Number(500),
		NotifyEmails:     jsii.Strings("ops@example.com"),
		Enforcement:      cirrusconstructs.BudgetEnforcement_StopFunctions(&[]cirrusconstructs.IEventDrivenFunction{reconcile}, nil),
		BillingAccountId: billingAccountID,
	})
}

func main() {
	started := time.Now()
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run . <cdk.out dir> <cdktf.out dir>")
		os.Exit(2)
	}
	cdkOut, tfOut := os.Args[1], os.Args[2]
	os.RemoveAll(cdkOut)
	os.RemoveAll(tfOut)

	awsApp := awscdk.NewApp(&awscdk.AppProps{
		Outdir:      jsii.String(cdkOut),
		StackTraces: jsii.Bool(false),
		// No construct stack traces in the output: they hold absolute paths.
		Context: &map[string]interface{}{"aws:cdk:disable-creation-stack-traces": true},
	})
	// The first call into a jsii module starts the JavaScript runtime and loads the libraries.
	loaded := time.Now()
	defineOrderProcessing(awscdk.NewStack(awsApp, jsii.String("orders-aws"), &awscdk.StackProps{
		Env: &awscdk.Environment{Region: jsii.String("eu-west-1")},
	}), nil)

	terraformApp := cdktf.NewApp(&cdktf.AppConfig{
		Outdir:                jsii.String(tfOut),
		SkipBackendValidation: jsii.Bool(true),
		// cdktf's DISABLE_STACK_TRACE_IN_METADATA is a TypeScript constant; this is its value.
		Context: &map[string]interface{}{"@cdktf/disable_stack_trace_in_metadata": true},
	})
	defineOrderProcessing(cirrusconstructs.NewAzureStack(terraformApp, jsii.String("orders-azure"), &cirrusconstructs.AzureStackProps{
		Location: jsii.String("westeurope"), Tags: &map[string]*string{"app": jsii.String("orders")}, KeyVaultName: jsii.String("acme-secrets"),
	}), nil)
	defineOrderProcessing(cirrusconstructs.NewGcpStack(terraformApp, jsii.String("orders-gcp"), &cirrusconstructs.GcpStackProps{
		Project: jsii.String("acme-prod"), Region: jsii.String("europe-west1"), Labels: &map[string]*string{"app": jsii.String("orders")},
	}), jsii.String("01ABCD-23EF45-6789AB"))

	awsApp.Synth(nil)
	terraformApp.Synth()
	jsii.Close()
	done := time.Now()
	line, _ := json.Marshal(map[string]interface{}{
		"language":      "go",
		"importSeconds": loaded.Sub(started).Seconds(),
		"synthSeconds":  done.Sub(loaded).Seconds(),
	})
	fmt.Println(string(line))
}
