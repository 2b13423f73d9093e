module github.com/cirrus-dev/cirrus-constructs-go/examples/orderprocessing

go 1.26.0

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.276.0
	github.com/aws/constructs-go/constructs/v10 v10.8.1
	github.com/aws/jsii-runtime-go v1.142.0
	github.com/cirrus-dev/cirrus-constructs-go/cirrusconstructs v0.1.0
	github.com/hashicorp/terraform-cdk-go/cdktf v0.21.0
)

// The Cirrus Go module is not published: use the one `npm run package` generates.
replace github.com/cirrus-dev/cirrus-constructs-go/cirrusconstructs => ../../dist/go/cirrusconstructs
