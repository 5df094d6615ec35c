import AggregateCLI

AggregateCommand.start()
