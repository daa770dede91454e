"""The params of sparkprop's Spark ML classes, declared in source (written by python/generate_params.py from
the manifest in the application jar; do not edit: tests/test_params.py fails when it is stale)."""

from typing import Any, List, Optional, TypeVar

from pyspark import keyword_only
from pyspark.ml.base import _PredictorParams
from pyspark.ml.classification import _ProbabilisticClassifierParams
from pyspark.ml.param import Param, Params, TypeConverters


_Self = TypeVar("_Self", bound="_SparkPropParams")


class _SparkPropParams(Params):
    """The network, optimizer and run params of every sparkprop estimator and model, with the Java
    defaults."""

    activation: "Param[str]" = Param(
        Params._dummy(), 'activation',
        'activation of the hidden layers.',
        typeConverter=TypeConverters.toString)
    aggregationDepth: "Param[int]" = Param(
        Params._dummy(), 'aggregationDepth',
        "depth of the treeAggregate that merges the gradient sums of the executors (each executor first merges its own tasks' sums) or, when a task was retried, of the tasks (0: 1 up to 16 sums, 2 up to 256, 3 up to 4,096, ...).",
        typeConverter=TypeConverters.toInt)
    batchFraction: "Param[float]" = Param(
        Params._dummy(), 'batchFraction',
        "mini-batch SGD: each iteration uses a seeded fraction F of the rows (row i is in iteration t's batch when hash(seed, t, i) < F); 1 is full batch.",
        typeConverter=TypeConverters.toFloat)
    beta1: "Param[float]" = Param(
        Params._dummy(), 'beta1',
        "adam's first-moment decay beta1.",
        typeConverter=TypeConverters.toFloat)
    beta2: "Param[float]" = Param(
        Params._dummy(), 'beta2',
        "adam's second-moment decay beta2.",
        typeConverter=TypeConverters.toFloat)
    blockSize: "Param[int]" = Param(
        Params._dummy(), 'blockSize',
        'rows stacked into one cached block for the GEMMs (0: about 4 MB of features a block, 64 to 4,096 rows; at most 1,048,576).',
        typeConverter=TypeConverters.toInt)
    checkpointDir: "Param[str]" = Param(
        Params._dummy(), 'checkpointDir',
        "where to write checkpoints (weights, optimizer state, history), on any Hadoop file system; the Spark ML estimators write each fit's in a directory of its own, named after its params and data, which a fit of the same params and data resumes.",
        typeConverter=TypeConverters.toString)
    checkpointInterval: "Param[int]" = Param(
        Params._dummy(), 'checkpointInterval',
        'a checkpoint every N iterations (and at the end), when checkpoints are written.',
        typeConverter=TypeConverters.toInt)
    decayEvery: "Param[int]" = Param(
        Params._dummy(), 'decayEvery',
        'decay period k of the decaying schedules, in iterations (in validation evaluations for plateau).',
        typeConverter=TypeConverters.toInt)
    decayRate: "Param[float]" = Param(
        Params._dummy(), 'decayRate',
        'decay factor r of the decaying schedules (every one but constant and cosine).',
        typeConverter=TypeConverters.toFloat)
    earlyStoppingPatience: "Param[int]" = Param(
        Params._dummy(), 'earlyStoppingPatience',
        'stop when the validation loss has not improved in PATIENCE evaluations, and keep the weights of the best one (0: off; needs validation data).',
        typeConverter=TypeConverters.toInt)
    epsilon: "Param[float]" = Param(
        Params._dummy(), 'epsilon',
        "adam's epsilon, added to sqrt(v_hat).",
        typeConverter=TypeConverters.toFloat)
    evalEvery: "Param[int]" = Param(
        Params._dummy(), 'evalEvery',
        'compute the validation loss and accuracy (or RMSE) every N iterations, in the same distributed pass as the gradient.',
        typeConverter=TypeConverters.toInt)
    hiddenLayers: "Param[List[int]]" = Param(
        Params._dummy(), 'hiddenLayers',
        'sizes of the hidden layers, e.g. 128,64; none: a linear model (logistic, softmax or linear regression).',
        typeConverter=TypeConverters.toListInt)
    lbfgsMemory: "Param[int]" = Param(
        Params._dummy(), 'lbfgsMemory',
        'number of curvature pairs L-BFGS keeps (1 to 1,000).',
        typeConverter=TypeConverters.toInt)
    logEvery: "Param[int]" = Param(
        Params._dummy(), 'logEvery',
        'a progress line every N iterations (0: about 25 per run).',
        typeConverter=TypeConverters.toInt)
    loss: "Param[str]" = Param(
        Params._dummy(), 'loss',
        'loss: cross-entropy (classification) or squared (regression, or k sigmoid units for k classes); auto: cross-entropy for classification, squared for regression.',
        typeConverter=TypeConverters.toString)
    maxIter: "Param[int]" = Param(
        Params._dummy(), 'maxIter',
        'iterations: one step each (L-BFGS: one step and its line search).',
        typeConverter=TypeConverters.toInt)
    momentum: "Param[float]" = Param(
        Params._dummy(), 'momentum',
        'momentum mu of the momentum optimizer.',
        typeConverter=TypeConverters.toFloat)
    nesterov: "Param[bool]" = Param(
        Params._dummy(), 'nesterov',
        "nesterov's accelerated gradient for the momentum optimizer.",
        typeConverter=TypeConverters.toBoolean)
    optimizer: "Param[str]" = Param(
        Params._dummy(), 'optimizer',
        "auto: lbfgs for full batches, adam for mini-batches, gd when a learning rate or schedule is given; gd: gradient descent; momentum: gradient descent with momentum (and Nesterov's form); adam: Adam; adamw: Adam with decoupled weight decay; lbfgs: L-BFGS with a strong Wolfe line search, full batch only, no learning rate.",
        typeConverter=TypeConverters.toString)
    precision: "Param[str]" = Param(
        Params._dummy(), 'precision',
        "arithmetic of the tasks: float64, or float32 (dense features cached in float32, sgemm and float32 activations: up to twice the speed and half the memory; each block's gradient is added into a float64 sum, and the loss, the weights and the optimizer stay float64; lbfgs works, its line search stopping where float32's rounding hides further decrease).",
        typeConverter=TypeConverters.toString)
    regParam: "Param[float]" = Param(
        Params._dummy(), 'regParam',
        "l2 penalty (lambda/2) sum ||W||^2 on the weights, not the biases; -1: the default, 1/m for a linear model of m training rows (scikit-learn's C = 1) and 0.02 for a network, chosen on a corpus of real tables (none with adamw, whose weight decay regularises).",
        typeConverter=TypeConverters.toFloat)
    schedule: "Param[str]" = Param(
        Params._dummy(), 'schedule',
        'learning rate at iteration t: constant alpha; step alpha*r^floor((t-1)/k); exponential alpha*r^((t-1)/k); inverse-sqrt alpha/sqrt(1+(t-1)/k); cosine alpha*(1+cos(pi*(t-1)/T))/2; plateau alpha*r^n, n the times the validation loss went k evaluations without improving; with r the decay rate, k the decay period and T the iterations.',
        typeConverter=TypeConverters.toString)
    seed: "Param[int]" = Param(
        Params._dummy(), 'seed',
        'seed of the initial weights, the mini-batches and the held-out splits.',
        typeConverter=TypeConverters.toInt)
    standardization: "Param[bool]" = Param(
        Params._dummy(), 'standardization',
        'standardise the features to mean 0 and standard deviation 1 (population; a constant feature is divided by 1; sparse features are only divided), computed in the validation pass, kept in the model and applied at prediction time.',
        typeConverter=TypeConverters.toBoolean)
    stepSize: "Param[float]" = Param(
        Params._dummy(), 'stepSize',
        "step size alpha (the base of the schedule); 0: the optimizer's own, 0.1 for gd and momentum, 0.001 for adam and adamw (lbfgs finds its own steps).",
        typeConverter=TypeConverters.toFloat)
    tol: "Param[float]" = Param(
        Params._dummy(), 'tol',
        "stop when the cost changes by less than T relative to the previous iteration's (0: never). With mini-batches the costs are of different batches: use early stopping instead.",
        typeConverter=TypeConverters.toFloat)
    validationIndicatorCol: "Param[str]" = Param(
        Params._dummy(), 'validationIndicatorCol',
        'boolean column: true for the rows to validate on (scored every evalEvery iterations, in the summary, used by early stopping), false for the rows to train on.',
        typeConverter=TypeConverters.toString)
    warmup: "Param[int]" = Param(
        Params._dummy(), 'warmup',
        'ramp the learning rate up linearly over the first W iterations.',
        typeConverter=TypeConverters.toInt)
    weightCol: "Param[str]" = Param(
        Params._dummy(), 'weightCol',
        'a column of instance weights (>= 0): the loss becomes the weighted average.',
        typeConverter=TypeConverters.toString)
    weightDecay: "Param[float]" = Param(
        Params._dummy(), 'weightDecay',
        'decoupled weight decay lambda of adamw: every step also takes alpha_t lambda w off the weights.',
        typeConverter=TypeConverters.toFloat)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._setDefault(
            activation='relu',
            aggregationDepth=0,
            batchFraction=1.0,
            beta1=0.9,
            beta2=0.999,
            blockSize=0,
            checkpointInterval=10,
            decayEvery=10,
            decayRate=0.5,
            earlyStoppingPatience=0,
            epsilon=1e-08,
            evalEvery=1,
            hiddenLayers=[],
            lbfgsMemory=10,
            logEvery=0,
            loss='auto',
            maxIter=100,
            momentum=0.9,
            nesterov=False,
            optimizer='auto',
            precision='float64',
            regParam=-1.0,
            schedule='constant',
            seed=42,
            standardization=True,
            stepSize=0.0,
            tol=0.0,
            warmup=0,
            weightDecay=0.01,
        )

    def getActivation(self) -> str:
        """Gets the value of activation or its default value."""
        return self.getOrDefault(self.activation)

    def setActivation(self: _Self, value: str) -> _Self:
        """Sets the value of activation."""
        return self._set(activation=value)

    def getAggregationDepth(self) -> int:
        """Gets the value of aggregationDepth or its default value."""
        return self.getOrDefault(self.aggregationDepth)

    def setAggregationDepth(self: _Self, value: int) -> _Self:
        """Sets the value of aggregationDepth."""
        return self._set(aggregationDepth=value)

    def getBatchFraction(self) -> float:
        """Gets the value of batchFraction or its default value."""
        return self.getOrDefault(self.batchFraction)

    def setBatchFraction(self: _Self, value: float) -> _Self:
        """Sets the value of batchFraction."""
        return self._set(batchFraction=value)

    def getBeta1(self) -> float:
        """Gets the value of beta1 or its default value."""
        return self.getOrDefault(self.beta1)

    def setBeta1(self: _Self, value: float) -> _Self:
        """Sets the value of beta1."""
        return self._set(beta1=value)

    def getBeta2(self) -> float:
        """Gets the value of beta2 or its default value."""
        return self.getOrDefault(self.beta2)

    def setBeta2(self: _Self, value: float) -> _Self:
        """Sets the value of beta2."""
        return self._set(beta2=value)

    def getBlockSize(self) -> int:
        """Gets the value of blockSize or its default value."""
        return self.getOrDefault(self.blockSize)

    def setBlockSize(self: _Self, value: int) -> _Self:
        """Sets the value of blockSize."""
        return self._set(blockSize=value)

    def getCheckpointDir(self) -> str:
        """Gets the value of checkpointDir or its default value."""
        return self.getOrDefault(self.checkpointDir)

    def setCheckpointDir(self: _Self, value: str) -> _Self:
        """Sets the value of checkpointDir."""
        return self._set(checkpointDir=value)

    def getCheckpointInterval(self) -> int:
        """Gets the value of checkpointInterval or its default value."""
        return self.getOrDefault(self.checkpointInterval)

    def setCheckpointInterval(self: _Self, value: int) -> _Self:
        """Sets the value of checkpointInterval."""
        return self._set(checkpointInterval=value)

    def getDecayEvery(self) -> int:
        """Gets the value of decayEvery or its default value."""
        return self.getOrDefault(self.decayEvery)

    def setDecayEvery(self: _Self, value: int) -> _Self:
        """Sets the value of decayEvery."""
        return self._set(decayEvery=value)

    def getDecayRate(self) -> float:
        """Gets the value of decayRate or its default value."""
        return self.getOrDefault(self.decayRate)

    def setDecayRate(self: _Self, value: float) -> _Self:
        """Sets the value of decayRate."""
        return self._set(decayRate=value)

    def getEarlyStoppingPatience(self) -> int:
        """Gets the value of earlyStoppingPatience or its default value."""
        return self.getOrDefault(self.earlyStoppingPatience)

    def setEarlyStoppingPatience(self: _Self, value: int) -> _Self:
        """Sets the value of earlyStoppingPatience."""
        return self._set(earlyStoppingPatience=value)

    def getEpsilon(self) -> float:
        """Gets the value of epsilon or its default value."""
        return self.getOrDefault(self.epsilon)

    def setEpsilon(self: _Self, value: float) -> _Self:
        """Sets the value of epsilon."""
        return self._set(epsilon=value)

    def getEvalEvery(self) -> int:
        """Gets the value of evalEvery or its default value."""
        return self.getOrDefault(self.evalEvery)

    def setEvalEvery(self: _Self, value: int) -> _Self:
        """Sets the value of evalEvery."""
        return self._set(evalEvery=value)

    def getHiddenLayers(self) -> List[int]:
        """Gets the value of hiddenLayers or its default value."""
        return self.getOrDefault(self.hiddenLayers)

    def setHiddenLayers(self: _Self, value: List[int]) -> _Self:
        """Sets the value of hiddenLayers."""
        return self._set(hiddenLayers=value)

    def getLbfgsMemory(self) -> int:
        """Gets the value of lbfgsMemory or its default value."""
        return self.getOrDefault(self.lbfgsMemory)

    def setLbfgsMemory(self: _Self, value: int) -> _Self:
        """Sets the value of lbfgsMemory."""
        return self._set(lbfgsMemory=value)

    def getLogEvery(self) -> int:
        """Gets the value of logEvery or its default value."""
        return self.getOrDefault(self.logEvery)

    def setLogEvery(self: _Self, value: int) -> _Self:
        """Sets the value of logEvery."""
        return self._set(logEvery=value)

    def getLoss(self) -> str:
        """Gets the value of loss or its default value."""
        return self.getOrDefault(self.loss)

    def setLoss(self: _Self, value: str) -> _Self:
        """Sets the value of loss."""
        return self._set(loss=value)

    def getMaxIter(self) -> int:
        """Gets the value of maxIter or its default value."""
        return self.getOrDefault(self.maxIter)

    def setMaxIter(self: _Self, value: int) -> _Self:
        """Sets the value of maxIter."""
        return self._set(maxIter=value)

    def getMomentum(self) -> float:
        """Gets the value of momentum or its default value."""
        return self.getOrDefault(self.momentum)

    def setMomentum(self: _Self, value: float) -> _Self:
        """Sets the value of momentum."""
        return self._set(momentum=value)

    def getNesterov(self) -> bool:
        """Gets the value of nesterov or its default value."""
        return self.getOrDefault(self.nesterov)

    def setNesterov(self: _Self, value: bool) -> _Self:
        """Sets the value of nesterov."""
        return self._set(nesterov=value)

    def getOptimizer(self) -> str:
        """Gets the value of optimizer or its default value."""
        return self.getOrDefault(self.optimizer)

    def setOptimizer(self: _Self, value: str) -> _Self:
        """Sets the value of optimizer."""
        return self._set(optimizer=value)

    def getPrecision(self) -> str:
        """Gets the value of precision or its default value."""
        return self.getOrDefault(self.precision)

    def setPrecision(self: _Self, value: str) -> _Self:
        """Sets the value of precision."""
        return self._set(precision=value)

    def getRegParam(self) -> float:
        """Gets the value of regParam or its default value."""
        return self.getOrDefault(self.regParam)

    def setRegParam(self: _Self, value: float) -> _Self:
        """Sets the value of regParam."""
        return self._set(regParam=value)

    def getSchedule(self) -> str:
        """Gets the value of schedule or its default value."""
        return self.getOrDefault(self.schedule)

    def setSchedule(self: _Self, value: str) -> _Self:
        """Sets the value of schedule."""
        return self._set(schedule=value)

    def getSeed(self) -> int:
        """Gets the value of seed or its default value."""
        return self.getOrDefault(self.seed)

    def setSeed(self: _Self, value: int) -> _Self:
        """Sets the value of seed."""
        return self._set(seed=value)

    def getStandardization(self) -> bool:
        """Gets the value of standardization or its default value."""
        return self.getOrDefault(self.standardization)

    def setStandardization(self: _Self, value: bool) -> _Self:
        """Sets the value of standardization."""
        return self._set(standardization=value)

    def getStepSize(self) -> float:
        """Gets the value of stepSize or its default value."""
        return self.getOrDefault(self.stepSize)

    def setStepSize(self: _Self, value: float) -> _Self:
        """Sets the value of stepSize."""
        return self._set(stepSize=value)

    def getTol(self) -> float:
        """Gets the value of tol or its default value."""
        return self.getOrDefault(self.tol)

    def setTol(self: _Self, value: float) -> _Self:
        """Sets the value of tol."""
        return self._set(tol=value)

    def getValidationIndicatorCol(self) -> str:
        """Gets the value of validationIndicatorCol or its default value."""
        return self.getOrDefault(self.validationIndicatorCol)

    def setValidationIndicatorCol(self: _Self, value: str) -> _Self:
        """Sets the value of validationIndicatorCol."""
        return self._set(validationIndicatorCol=value)

    def getWarmup(self) -> int:
        """Gets the value of warmup or its default value."""
        return self.getOrDefault(self.warmup)

    def setWarmup(self: _Self, value: int) -> _Self:
        """Sets the value of warmup."""
        return self._set(warmup=value)

    def getWeightCol(self) -> str:
        """Gets the value of weightCol or its default value."""
        return self.getOrDefault(self.weightCol)

    def setWeightCol(self: _Self, value: str) -> _Self:
        """Sets the value of weightCol."""
        return self._set(weightCol=value)

    def getWeightDecay(self) -> float:
        """Gets the value of weightDecay or its default value."""
        return self.getOrDefault(self.weightDecay)

    def setWeightDecay(self: _Self, value: float) -> _Self:
        """Sets the value of weightDecay."""
        return self._set(weightDecay=value)



class _SparkPropClassifierParams(_ProbabilisticClassifierParams, _SparkPropParams):
    """The params of SparkPropClassifier and its model."""


class _SparkPropClassifierKeywords:
    """The constructor and setParams of SparkPropClassifier: every param by keyword, with its default."""

    @keyword_only
    def __init__(
            self, *,
            activation: str = 'relu',
            aggregationDepth: int = 0,
            batchFraction: float = 1.0,
            beta1: float = 0.9,
            beta2: float = 0.999,
            blockSize: int = 0,
            checkpointDir: Optional[str] = None,
            checkpointInterval: int = 10,
            decayEvery: int = 10,
            decayRate: float = 0.5,
            earlyStoppingPatience: int = 0,
            epsilon: float = 1e-08,
            evalEvery: int = 1,
            featuresCol: str = 'features',
            hiddenLayers: List[int] = [],
            labelCol: str = 'label',
            lbfgsMemory: int = 10,
            logEvery: int = 0,
            loss: str = 'auto',
            maxIter: int = 100,
            momentum: float = 0.9,
            nesterov: bool = False,
            optimizer: str = 'auto',
            precision: str = 'float64',
            predictionCol: str = 'prediction',
            probabilityCol: str = 'probability',
            rawPredictionCol: str = 'rawPrediction',
            regParam: float = -1.0,
            schedule: str = 'constant',
            seed: int = 42,
            standardization: bool = True,
            stepSize: float = 0.0,
            thresholds: Optional[List[float]] = None,
            tol: float = 0.0,
            validationIndicatorCol: Optional[str] = None,
            warmup: int = 0,
            weightCol: Optional[str] = None,
            weightDecay: float = 0.01,
    ) -> None:
        super().__init__()
        self._create_java_object()
        self._set(**self._input_kwargs)

    def _create_java_object(self) -> None:
        raise NotImplementedError("the estimator class creates its Java object")

    @keyword_only
    def setParams(
            self, *,
            activation: str = 'relu',
            aggregationDepth: int = 0,
            batchFraction: float = 1.0,
            beta1: float = 0.9,
            beta2: float = 0.999,
            blockSize: int = 0,
            checkpointDir: Optional[str] = None,
            checkpointInterval: int = 10,
            decayEvery: int = 10,
            decayRate: float = 0.5,
            earlyStoppingPatience: int = 0,
            epsilon: float = 1e-08,
            evalEvery: int = 1,
            featuresCol: str = 'features',
            hiddenLayers: List[int] = [],
            labelCol: str = 'label',
            lbfgsMemory: int = 10,
            logEvery: int = 0,
            loss: str = 'auto',
            maxIter: int = 100,
            momentum: float = 0.9,
            nesterov: bool = False,
            optimizer: str = 'auto',
            precision: str = 'float64',
            predictionCol: str = 'prediction',
            probabilityCol: str = 'probability',
            rawPredictionCol: str = 'rawPrediction',
            regParam: float = -1.0,
            schedule: str = 'constant',
            seed: int = 42,
            standardization: bool = True,
            stepSize: float = 0.0,
            thresholds: Optional[List[float]] = None,
            tol: float = 0.0,
            validationIndicatorCol: Optional[str] = None,
            warmup: int = 0,
            weightCol: Optional[str] = None,
            weightDecay: float = 0.01,
    ) -> "_SparkPropClassifierKeywords":
        """Sets params by name (keyword arguments only)."""
        return self._set(**self._input_kwargs)  # type: ignore[attr-defined]



class _SparkPropRegressorParams(_PredictorParams, _SparkPropParams):
    """The params of SparkPropRegressor and its model."""


class _SparkPropRegressorKeywords:
    """The constructor and setParams of SparkPropRegressor: every param by keyword, with its default."""

    @keyword_only
    def __init__(
            self, *,
            activation: str = 'relu',
            aggregationDepth: int = 0,
            batchFraction: float = 1.0,
            beta1: float = 0.9,
            beta2: float = 0.999,
            blockSize: int = 0,
            checkpointDir: Optional[str] = None,
            checkpointInterval: int = 10,
            decayEvery: int = 10,
            decayRate: float = 0.5,
            earlyStoppingPatience: int = 0,
            epsilon: float = 1e-08,
            evalEvery: int = 1,
            featuresCol: str = 'features',
            hiddenLayers: List[int] = [],
            labelCol: str = 'label',
            lbfgsMemory: int = 10,
            logEvery: int = 0,
            loss: str = 'auto',
            maxIter: int = 100,
            momentum: float = 0.9,
            nesterov: bool = False,
            optimizer: str = 'auto',
            precision: str = 'float64',
            predictionCol: str = 'prediction',
            regParam: float = -1.0,
            schedule: str = 'constant',
            seed: int = 42,
            standardization: bool = True,
            stepSize: float = 0.0,
            tol: float = 0.0,
            validationIndicatorCol: Optional[str] = None,
            warmup: int = 0,
            weightCol: Optional[str] = None,
            weightDecay: float = 0.01,
    ) -> None:
        super().__init__()
        self._create_java_object()
        self._set(**self._input_kwargs)

    def _create_java_object(self) -> None:
        raise NotImplementedError("the estimator class creates its Java object")

    @keyword_only
    def setParams(
            self, *,
            activation: str = 'relu',
            aggregationDepth: int = 0,
            batchFraction: float = 1.0,
            beta1: float = 0.9,
            beta2: float = 0.999,
            blockSize: int = 0,
            checkpointDir: Optional[str] = None,
            checkpointInterval: int = 10,
            decayEvery: int = 10,
            decayRate: float = 0.5,
            earlyStoppingPatience: int = 0,
            epsilon: float = 1e-08,
            evalEvery: int = 1,
            featuresCol: str = 'features',
            hiddenLayers: List[int] = [],
            labelCol: str = 'label',
            lbfgsMemory: int = 10,
            logEvery: int = 0,
            loss: str = 'auto',
            maxIter: int = 100,
            momentum: float = 0.9,
            nesterov: bool = False,
            optimizer: str = 'auto',
            precision: str = 'float64',
            predictionCol: str = 'prediction',
            regParam: float = -1.0,
            schedule: str = 'constant',
            seed: int = 42,
            standardization: bool = True,
            stepSize: float = 0.0,
            tol: float = 0.0,
            validationIndicatorCol: Optional[str] = None,
            warmup: int = 0,
            weightCol: Optional[str] = None,
            weightDecay: float = 0.01,
    ) -> "_SparkPropRegressorKeywords":
        """Sets params by name (keyword arguments only)."""
        return self._set(**self._input_kwargs)  # type: ignore[attr-defined]
