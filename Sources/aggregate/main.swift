import AggregateCLI

AggregateCommand.main()
